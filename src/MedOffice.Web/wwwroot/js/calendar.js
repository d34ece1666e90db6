// Calendar drag: a booked visit (data-movable) can be dragged to another time or column, or its bottom edge dragged to
// change its length. The server decides: a move posts to /api/calendar/appointments/{id}/move with the page's antiforgery
// token; if it refuses, the block goes back where it was and the refusal is shown. Success reloads the server-rendered view.
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
  calendar.addEventListener('pointercancel', function () { if (drag) { reset(drag.block); drag = null; } });
})();
