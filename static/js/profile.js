// 〒 → 住所 on the profile without leaving the page. The rule and its messages are core.postal.postal_fill's, which
// also answers the buttons when there is no JavaScript: this asks it (POST /postal/) and shows what it says.
(function () {
  var box = document.getElementById("postal-lookup");
  if (!box) return;
  var lookup = box.querySelector('[value="postal_lookup"]');
  var replace = document.getElementById("postal-replace");
  var status = document.getElementById("postal-status");
  var form = box.closest("form");
  var code = form.querySelector('[name="postal_code"]');
  var address = form.querySelector('[name="address"]');
  function ask(replaceIt) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector('[name="csrfmiddlewaretoken"]').value);
    body.append("postal_code", code.value);
    body.append("address", address.value);
    if (replaceIt) body.append("replace", "1");
    replace.hidden = true;
    status.textContent = "検索しています…";
    fetch(box.dataset.url, { method: "POST", body: body, headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        code.value = res.postal_code;
        address.value = res.address;
        status.textContent = res.message;
        replace.hidden = !res.offer;
      })
      // No JSON (a lapsed CSRF token's 403 page, a server error, no network): press the button the page's own way,
      // which works without this script.
      .catch(function () { form.requestSubmit(replaceIt ? replace : lookup); });
  }
  lookup.addEventListener("click", function (event) { event.preventDefault(); ask(false); });
  replace.addEventListener("click", function (event) { event.preventDefault(); ask(true); });
})();
