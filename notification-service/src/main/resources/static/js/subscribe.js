// Pre-selects the browser's time zone on the subscribe page, unless the visitor already chose one (the page came
// back with an error); without JavaScript the server's default stays selected.
(function () {
  var select = document.getElementById('timeZone');
  if (!select || select.getAttribute('data-chosen') === 'true') {
    return;
  }
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
})();
