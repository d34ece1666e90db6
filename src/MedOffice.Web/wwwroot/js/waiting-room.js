// Waiting-room board: an element with data-waiting-room="/live/waiting-room/{location}" listens to that Server-Sent
// Events stream and, whenever someone is checked in, roomed or leaves, fetches its fragment (data-fragment) again.
document.querySelectorAll('[data-waiting-room]').forEach(function (board) {
  var source = new EventSource(board.dataset.waitingRoom);
  var pending = null;
  function refresh() {
    // Several changes in a burst need one fetch, not one each.
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      fetch(board.dataset.fragment, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null) {
            board.innerHTML = html;
            board.dataset.refreshed = String(Number(board.dataset.refreshed || '0') + 1);
          }
        });
    }, 100);
  }
  // The server's first event says the stream is listening; after a reconnect, catch up on what was missed.
  source.addEventListener('listening', function () {
    if (board.dataset.connected === 'true') { refresh(); }
    board.dataset.connected = 'true';
  });
  source.addEventListener('changed', function () {
    refresh();
    // The desk's own list holds half-filled forms, so it is not swapped under the user: it only says it is out of date.
    var stale = document.getElementById('list-stale');
    if (stale) { stale.hidden = false; }
  });
  window.addEventListener('pagehide', function () { source.close(); });
});
