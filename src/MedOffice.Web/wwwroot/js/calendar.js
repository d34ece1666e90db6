// Calendar drag: a booked visit (data-movable) can be dragged to another time or column, or its bottom edge dragged to
// change its length. The server decides: a move posts to /api/calendar/appointments/{id}/move with the page's antiforgery
// token; if it refuses, the block goes back where it was and the refusal is shown. Success reloads the server-rendered view.
// The keyboard does the same: on a focused visit, arrows move it (up/down by the step, left/right to the next column),
// Shift+up/down changes its length, Enter saves and Escape puts it back.
(function () {
  var calendar = document.querySelector('[data-calendar]');
  if (!calendar) { return; }
  var scale = Number(calendar.dataset.scale);
  var step = Number(calendar.dataset.step);
  var message = document.getElementById('calendar-message');
  var tokenInput = document.querySelector('.cal-token input[name="__RequestVerificationToken"]');
  var drag = null;

  function say(text, refused) {
    message.textContent = text;
    message.hidden = false;
    message.classList.toggle('error', !!refused);
    message.setAttribute('role', refused ? 'alert' : 'status');
  }

  function clock(minute) {
    var h = Math.floor(minute / 60), m = minute % 60;
    return (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
  }

  function columnAt(x) {
    var columns = calendar.querySelectorAll('.cal-col');
    for (var i = 0; i < columns.length; i++) {
      var box = columns[i].getBoundingClientRect();
      if (x >= box.left && x < box.right) { return columns[i]; }
    }
    return null;
  }

  function snapped(pixels) { return Math.round(pixels / scale / step) * step; }

  function preview(block, text) {
    var tag = block.querySelector('.cal-preview');
    if (!tag) { tag = document.createElement('span'); tag.className = 'cal-preview'; block.appendChild(tag); }
    tag.textContent = text;
  }

  function reset(block) {
    block.style.transform = '';
    block.style.height = ((Number(block.dataset.endMinute) - Number(block.dataset.startMinute)) * scale) + 'px';
    block.classList.remove('dragging', 'saving');
    var tag = block.querySelector('.cal-preview');
    if (tag) { tag.remove(); }
    calendar.querySelectorAll('.drop-target').forEach(function (c) { c.classList.remove('drop-target'); });
  }

  function firstProblem(body) {
    if (body && body.errors) {
      for (var field in body.errors) { if (body.errors[field] && body.errors[field].length) { return body.errors[field][0]; } }
    }
    return (body && (body.detail || body.title)) || 'The calendar could not make that change.';
  }

  function post(url, payload, block) {
    block.classList.add('saving');
    say('Saving…', false);
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'RequestVerificationToken': tokenInput ? tokenInput.value : '' },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        return { ok: response.ok, status: response.status, body: body };
      });
    }).then(function (answer) {
      if (answer.ok) {
        var next = new URL(window.location.href);
        next.searchParams.set('moved', String(answer.body.appointmentId));
        window.location.assign(next.toString());
        return;
      }
      reset(block);
      block.classList.add('refused');
      setTimeout(function () { block.classList.remove('refused'); }, 600);
      say(answer.status === 401 || answer.status === 403
        ? 'You are signed out or may not change the schedule. Nothing was changed.'
        : 'Not moved: ' + firstProblem(answer.body), true);
    }, function () {
      reset(block);
      say('Not moved: the office server could not be reached. Nothing was changed.', true);
    });
  }

  calendar.addEventListener('pointerdown', function (event) {
    var block = event.target.closest('.cal-appt[data-movable="true"]');
    if (!block || event.button !== 0 || drag) { return; }
    event.preventDefault();
    block.setPointerCapture(event.pointerId);
    drag = {
      block: block, resize: !!event.target.closest('.cal-resize'), x: event.clientX, y: event.clientY, moved: false,
      start: Number(block.dataset.startMinute), end: Number(block.dataset.endMinute), column: block.closest('.cal-col')
    };
  });

  calendar.addEventListener('pointermove', function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) < 4 && Math.abs(dy) < 4) { return; }
    drag.moved = true;
    drag.block.classList.add('dragging');
    var delta = snapped(dy);
    if (drag.resize) {
      var end = Math.max(drag.start + step, drag.end + delta);
      drag.block.style.height = ((end - drag.start) * scale) + 'px';
      preview(drag.block, 'until ' + clock(end));
      return;
    }
    drag.block.style.transform = 'translate(' + dx + 'px,' + (delta * scale) + 'px)';
    var target = columnAt(event.clientX) || drag.column;
    calendar.querySelectorAll('.drop-target').forEach(function (c) { if (c !== target) { c.classList.remove('drop-target'); } });
    target.classList.add('drop-target');
    preview(drag.block, clock(drag.start + delta));
  });

  function finish(event) {
    if (!drag) { return; }
    var current = drag;
    drag = null;
    if (!current.moved) { reset(current.block); return; }
    var delta = snapped(event.clientY - current.y);
    var id = current.block.dataset.appointment;
    if (current.resize) {
      var end = Math.max(current.start + step, current.end + delta);
      if (end === current.end) { reset(current.block); return; }
      post('/api/calendar/appointments/' + id + '/resize', { localEnd: current.column.dataset.date + 'T' + clock(end) }, current.block);
      return;
    }
    var target = columnAt(event.clientX) || current.column;
    var start = current.start + delta;
    if (delta === 0 && target === current.column) { reset(current.block); return; }
    if (start < 0 || start >= 1440) { reset(current.block); say('Not moved: a visit must start within the day shown.', true); return; }
    post('/api/calendar/appointments/' + id + '/move', {
      localStart: target.dataset.date + 'T' + clock(start),
      providerResourceId: target.dataset.provider ? Number(target.dataset.provider) : null,
      roomResourceId: target.dataset.room ? Number(target.dataset.room) : null
    }, current.block);
  }

  calendar.addEventListener('pointerup', finish);

  // Keyboard moves: the same preview and the same posts as a drag.
  var keyed = null;
  function columns() { return Array.prototype.slice.call(calendar.querySelectorAll('.cal-col')); }
  function columnName(column) {
    var head = calendar.querySelector('.cal-col-head[data-column="' + column.dataset.column + '"]');
    return head ? head.textContent.trim() : column.dataset.date;
  }
  function showKeyed() {
    var from = keyed.block.closest('.cal-col').getBoundingClientRect();
    var to = keyed.column.getBoundingClientRect();
    keyed.block.classList.add('dragging');
    keyed.block.style.transform = 'translate(' + (to.left - from.left) + 'px,' + ((keyed.start - keyed.originalStart) * scale) + 'px)';
    keyed.block.style.height = ((keyed.end - keyed.start) * scale) + 'px';
    var text = clock(keyed.start) + '–' + clock(keyed.end);
    preview(keyed.block, text);
    say(text + ' · ' + columnName(keyed.column) + ' — Enter to save, Escape to cancel', false);
  }
  calendar.addEventListener('keydown', function (event) {
    var block = event.target.closest && event.target.closest('.cal-appt[data-movable="true"]');
    if (!block || drag) { return; }
    if (keyed && keyed.block !== block) { reset(keyed.block); keyed = null; }
    var all = columns();
    if (!keyed && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].indexOf(event.key) >= 0) {
      var start = Number(block.dataset.startMinute), end = Number(block.dataset.endMinute);
      keyed = { block: block, originalStart: start, originalEnd: end, start: start, end: end, column: block.closest('.cal-col') };
    }
    if (!keyed) { return; }
    var index = all.indexOf(keyed.column);
    var length = keyed.end - keyed.start;
    switch (event.key) {
      case 'ArrowUp':
        if (event.shiftKey) { keyed.end = Math.max(keyed.start + step, keyed.end - step); }
        else if (keyed.start - step >= 0) { keyed.start -= step; keyed.end = keyed.start + length; }
        break;
      case 'ArrowDown':
        if (event.shiftKey) { keyed.end += step; }
        else if (keyed.end + step <= 1440) { keyed.start += step; keyed.end = keyed.start + length; }
        break;
      case 'ArrowLeft': if (index > 0) { keyed.column = all[index - 1]; } break;
      case 'ArrowRight': if (index < all.length - 1) { keyed.column = all[index + 1]; } break;
      case 'Escape':
        reset(keyed.block); keyed = null; say('Not moved.', false); event.preventDefault(); return;
      case 'Enter':
        event.preventDefault();
        var current = keyed;
        keyed = null;
        var id = current.block.dataset.appointment;
        var sameColumn = current.column === current.block.closest('.cal-col');
        if (current.start === current.originalStart && sameColumn) {
          if (current.end === current.originalEnd) { reset(current.block); say('Not moved.', false); return; }
          post('/api/calendar/appointments/' + id + '/resize', { localEnd: current.column.dataset.date + 'T' + clock(current.end) }, current.block);
          return;
        }
        if (current.end - current.start !== current.originalEnd - current.originalStart) {
          reset(current.block); say('Not moved: change the time and the length one at a time.', true); return;
        }
        post('/api/calendar/appointments/' + id + '/move', {
          localStart: current.column.dataset.date + 'T' + clock(current.start),
          providerResourceId: current.column.dataset.provider ? Number(current.column.dataset.provider) : null,
          roomResourceId: current.column.dataset.room ? Number(current.column.dataset.room) : null
        }, current.block);
        return;
      default:
        return;
    }
    event.preventDefault();
    showKeyed();
  });
  calendar.addEventListener('focusout', function (event) {
    if (keyed && event.target === keyed.block && !keyed.block.contains(event.relatedTarget)) { reset(keyed.block); keyed = null; }
  });

  // After a move the page reloads with ?moved=id: put the focus back on that visit so the keyboard can carry on.
  var movedId = new URL(window.location.href).searchParams.get('moved');
  if (movedId) {
    var movedBlock = calendar.querySelector('.cal-appt[data-appointment="' + movedId + '"]');
    if (movedBlock) { movedBlock.focus({ preventScroll: false }); }
  }
  calendar.addEventListener('pointercancel', function () { if (drag) { reset(drag.block); drag = null; } });
})();
