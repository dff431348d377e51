// "添加一行" for Django formsets: clones the formset's <template> (its empty_form) and
// bumps TOTAL_FORMS. Without JavaScript the extra empty rows and "save, then edit" remain.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-formset-add]");
  if (!button) return;
  var prefix = button.getAttribute("data-formset-add");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var template = document.getElementById(prefix + "-empty");
  var rows = document.getElementById(prefix + "-rows");
  var index = parseInt(total.value, 10);
  rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, index));
  total.value = index + 1;
  var first = rows.lastElementChild.querySelector("input, select");
  if (first) first.focus();
});
document.querySelectorAll("[data-formset-add]").forEach(function (b) { b.hidden = false; });
