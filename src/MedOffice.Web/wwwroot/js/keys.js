// Front-desk keyboard shortcuts: "/" focuses the patient search box; Alt+N (accesskey) opens "New patient".
document.addEventListener('keydown', function (e) {
  if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
    var box = document.getElementById('patient-search');
    if (box) { e.preventDefault(); box.focus(); }
  }
});
// Arrow down from the search box moves to the first result; Enter on a result opens it (it is a link).
document.addEventListener('keydown', function (e) {
  if (e.key === 'ArrowDown' && document.activeElement && document.activeElement.id === 'patient-search') {
    var first = document.querySelector('#results a');
    if (first) { e.preventDefault(); first.focus(); }
  }
});
// Alt+letter follows the page's access keys in every browser: the header promises "Alt+N", but Firefox wants
// Alt+Shift and macOS Ctrl+Option, and headless or synthesized key presses never reach the native access keys.
document.addEventListener('keydown', function (e) {
  if (!e.altKey || e.ctrlKey || e.metaKey || !/^Key[A-Z]$/.test(e.code)) return;
  var target = document.querySelector('[accesskey="' + e.code.slice(3).toLowerCase() + '"]');
  if (target) { e.preventDefault(); target.click(); }
});
