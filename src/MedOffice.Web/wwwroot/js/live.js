// Live updates: an element with data-live="/live/..." listens to that Server-Sent Events stream and, when the record
// it shows is changed elsewhere, says who changed what and offers a reload.
document.querySelectorAll('[data-live]').forEach(function (notice) {
  var source = new EventSource(notice.dataset.live);
  // The server's first event says the stream is listening (tests and screen readers can rely on it).
  source.addEventListener('listening', function () { notice.dataset.connected = 'true'; });
  source.addEventListener('changed', function (event) {
    var change = JSON.parse(event.data);
    notice.textContent = 'This record was just changed by ' + change.by + ' (' + change.change + '). ';
    var reload = document.createElement('a');
    reload.href = window.location.pathname;
    reload.textContent = 'Reload to see the changes';
    notice.appendChild(reload);
    notice.hidden = false;
  });
  window.addEventListener('pagehide', function () { source.close(); });
});
