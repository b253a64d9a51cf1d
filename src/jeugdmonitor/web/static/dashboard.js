// Progressive enhancement only: a choice in a select with class "auto" submits its form at once.
// Every page works without this script (each form has its own button).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select.auto").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
