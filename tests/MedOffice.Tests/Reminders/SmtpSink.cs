using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace MedOffice.Tests.Reminders;

/// <summary>
/// A message as the server got it: Subject decoded (RFC 2047), Body the plain-text part; RawHeaders the header block as
/// sent; each attachment's bytes after its transfer encoding was undone.
/// </summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Subject, string MessageId, string Body,
    string ContentType = "", string RawHeaders = "", IReadOnlyList<ReceivedAttachment>? Attachments = null);

/// <summary>An attached file: its media type ("text/calendar"), the Content-Type parameters (method, charset, name), its bytes.</summary>
public sealed record ReceivedAttachment(string FileName, string ContentType, IReadOnlyDictionary<string, string> Parameters, string TransferEncoding, string Base64)
{
    public byte[] Bytes => Convert.FromBase64String(Base64);
}

/// <summary>
/// A real SMTP server on loopback for one test: aiosmtpd (Debian's python3-aiosmtpd, which ./test.sh installs) on a free
/// port, writing each accepted message to a file before it answers 250. What a test reads here is what the server got.
/// Recipients starting with "bounce" are refused with 550, to see a server say no.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Script = """
        import base64, email, email.policy, itertools, json, os, sys
        from aiosmtpd.controller import Controller
        out_dir, port = sys.argv[1], int(sys.argv[2])
        counter = itertools.count()
        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.lower().startswith('bounce'):
                    return '550 5.1.1 no such user here'
                envelope.rcpt_tos.append(address)
                return '250 OK'
            async def handle_DATA(self, server, session, envelope):
                raw = envelope.original_content or envelope.content
                message = email.message_from_bytes(raw, policy=email.policy.default)
                part = message.get_body(preferencelist=('plain',))
                body = part.get_content() if part is not None else ''
                attachments = [{'FileName': a.get_filename() or '', 'ContentType': a.get_content_type(),
                                'Parameters': dict(a['content-type'].params),
                                'TransferEncoding': str(a['content-transfer-encoding'] or ''),
                                'Base64': base64.b64encode(a.get_payload(decode=True)).decode('ascii')}
                               for a in message.iter_attachments()]
                raw_headers = raw.replace(b'\r\n', b'\n').split(b'\n\n', 1)[0].decode('ascii', errors='replace')
                n = next(counter)
                tmp = os.path.join(out_dir, '%06d.tmp' % n)
                with open(tmp, 'w', encoding='utf-8') as f:
                    json.dump({'From': envelope.mail_from, 'To': envelope.rcpt_tos, 'Subject': str(message['subject'] or ''),
                               'MessageId': str(message['message-id'] or ''), 'Body': body,
                               'ContentType': message.get_content_type(), 'RawHeaders': raw_headers, 'Attachments': attachments}, f)
                os.rename(tmp, os.path.join(out_dir, '%06d.json' % n))
                return '250 OK'
        controller = Controller(Handler(), hostname='127.0.0.1', port=port)
        controller.start()
        print('ready', flush=True)
        try:
            sys.stdin.read()
        finally:
            controller.stop()
        """;

    private readonly Process _process;
    private readonly string _directory;

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "medoffice-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "sink.py");
        await File.WriteAllTextAsync(script, Script);
        var mail = Path.Combine(directory, "mail");
        Directory.CreateDirectory(mail);
        var port = FreePort();
        // Debian's python3 is the one that has python3-aiosmtpd; a python3 earlier on PATH (pyenv) may not.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python, [script, mail, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"The SMTP sink did not start (is python3-aiosmtpd installed? ./test.sh installs it): {error}");
        }
        return new SmtpSink(process, mail, port);
    }

    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.GetFiles(_directory, "*.json").Order(StringComparer.Ordinal)
            .Select(file => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(file))!).ToList();

    /// <summary>Waits (up to 20 s) until at least <paramref name="count"/> messages arrived, and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Received().Count < count && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }
        return Received();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _process.Kill();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
