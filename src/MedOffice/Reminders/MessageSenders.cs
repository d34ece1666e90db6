using System.Net;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace MedOffice.Reminders;

/// <summary>A message ready to go: the link is filled in. The idempotency key travels with it (Message-ID, Idempotency-Key).</summary>
public sealed record OutgoingMessage(string Recipient, string Subject, string Body, string IdempotencyKey, MessageAttachment? Attachment = null);

/// <summary>A text file sent with an e-mail (a meeting's .ics), UTF-8 on the wire; e.g. "text/calendar; method=REQUEST; charset=UTF-8".</summary>
public sealed record MessageAttachment(string FileName, string ContentType, string Content);

/// <summary>Delivers one message on one channel. Throws when the message was not accepted; returns once it was.</summary>
public interface IMessageSender
{
    string Channel { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>The senders configured for this office, by channel.</summary>
public sealed class MessageSenders(IEnumerable<IMessageSender> senders)
{
    private readonly Dictionary<string, IMessageSender> _byChannel = senders.ToDictionary(s => s.Channel);

    public IMessageSender? For(string channel) => _byChannel.GetValueOrDefault(channel);

    public bool Has(string channel) => _byChannel.ContainsKey(channel);

    public static MessageSenders FromOptions(ReminderOptions options)
    {
        var senders = new List<IMessageSender>();
        if (options.EmailEnabled)
        {
            senders.Add(new SmtpEmailSender(options));
        }
        if (options.SmsHttpUrl is not null)
        {
            senders.Add(new HttpSmsSender(new HttpClient { Timeout = options.SendTimeout }, options.SmsHttpUrl, options.SmsHttpToken));
        }
        else if (options.EmailEnabled && options.SmsEmailDomain is { Length: > 0 } domain)
        {
            senders.Add(new EmailToSmsSender(new SmtpEmailSender(options), domain));
        }
        return new MessageSenders(senders);
    }
}

/// <summary>
/// E-mail through an SMTP relay (System.Net.Mail). With an attachment the message is multipart/mixed: the text part,
/// then the file, base64-encoded. The MIME is System.Net.Mail's own rather than written by hand: its SmtpClient (our
/// transport, with STARTTLS and AUTH) only sends a MailMessage, so hand-made MIME would need a second SMTP client too,
/// and its writer already does what we need: base64 parts, parameters kept (method=REQUEST), RFC 2047 encoded-words for
/// a non-ASCII subject. The tests read what a real SMTP server received with Python's e-mail parser.
/// </summary>
public sealed class SmtpEmailSender(ReminderOptions options) : IMessageSender
{
    public string Channel => MessageChannels.Email;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage(new MailAddress(options.SmtpFrom), new MailAddress(message.Recipient))
        {
            Subject = message.Subject,
            Body = message.Body,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        // The same message sent twice (the crash window OutboxProcessor describes) carries the same Message-ID,
        // so a receiving server or mail client that de-duplicates shows it once.
        mail.Headers.Add("Message-ID", MessageId(message.IdempotencyKey));
        if (message.Attachment is { } file)
        {
            var attachment = new Attachment(new MemoryStream(Encoding.UTF8.GetBytes(file.Content)), new ContentType(file.ContentType))
            {
                Name = file.FileName,
                TransferEncoding = TransferEncoding.Base64,
            };
            attachment.ContentDisposition!.FileName = file.FileName;
            mail.Attachments.Add(attachment);
        }
        using var client = new SmtpClient(options.SmtpHost!, options.SmtpPort)
        {
            EnableSsl = options.SmtpSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)options.SendTimeout.TotalMilliseconds,
        };
        if (options.SmtpUser is { Length: > 0 } user)
        {
            client.Credentials = new NetworkCredential(user, options.SmtpPassword);
        }
        await client.SendMailAsync(mail, cancellationToken);
    }

    public static string MessageId(string idempotencyKey)
    {
        var safe = new string(idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '.').ToArray());
        return $"<{safe}@medoffice.reminders>";
    }
}

/// <summary>Text messages through a carrier's e-mail-to-SMS gateway: mailed to the number at the gateway's domain.</summary>
public sealed class EmailToSmsSender(SmtpEmailSender email, string gatewayDomain) : IMessageSender
{
    public string Channel => MessageChannels.Sms;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        // Gateways put the subject in front of the text: leave it empty so the whole text fits one SMS.
        email.SendAsync(message with { Recipient = $"{message.Recipient}@{gatewayDomain}", Subject = "" }, cancellationToken);
}

/// <summary>
/// Text messages through an HTTP SMS gateway: POST {to, text} as JSON with an Idempotency-Key header (gateways that honour
/// it send a retried request once). Any 2xx answer means accepted.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, Uri url, string? bearerToken) : IMessageSender
{
    public string Channel => MessageChannels.Sms;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { to = "+1" + message.Recipient, text = message.Body }),
        };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        if (bearerToken is { Length: > 0 })
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"SMS gateway answered {(int)response.StatusCode}: {(detail.Length > 200 ? detail[..200] : detail)}");
        }
    }
}
