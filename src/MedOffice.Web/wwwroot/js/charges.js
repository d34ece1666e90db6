// Charge entry: clicking a code in the search results under a box marked data-pick-into puts the code in that field;
// for diagnoses (data-pick-submit) it also adds it at once.
document.addEventListener('click', function (e) {
  var item = e.target.closest('[data-pick-into] li[data-code]');
  if (!item) return;
  var picker = item.closest('[data-pick-into]');
  var field = document.getElementById(picker.dataset.pickInto);
  if (!field) return;
  field.value = item.dataset.code;
  picker.innerHTML = '';
  if (picker.dataset.pickSubmit && field.form) field.form.requestSubmit();
  else field.focus();
});
