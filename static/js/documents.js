// 〒 → 住所: fills 都道府県・市区町村・町域 from the server's offline table; typing by hand always works too. The
// server (core.postal, POST /postal/) checks the code and words every message, as it does for the profile.
(function () {
  var button = document.getElementById("postal-lookup");
  if (!button) return;
  var status = document.getElementById("postal-status");
  var form = button.closest("form");
  button.hidden = false;  // rendered hidden: without this script the button would do nothing
  function byName(name) { return form.querySelector('[name="' + name + '"]'); }
  button.addEventListener("click", function () {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", byName("csrfmiddlewaretoken").value);
    body.append("postal_code", byName("postal_code").value);
    // The 住所 as typed across the three fields, so the server's rule (fill an empty one, keep a typed one and
    // say so) decides, and its message is true of what happens here.
    body.append("address", byName("region").value + byName("city").value + byName("address").value);
    status.textContent = "検索しています…";
    fetch(button.dataset.url, { method: "POST", body: body, headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        status.textContent = res.message;
        var found = res.found;
        if (!found || res.offer) return;  // a typed 住所 that differs is kept (the message names the other)
        byName("postal_code").value = found.postalCode;
        [["region", found.region], ["city", found.city], ["address", found.address],
         ["address_furigana", found.furigana]].forEach(function (pair) {
          if (!byName(pair[0]).value) byName(pair[0]).value = pair[1];
        });
      })
      .catch(function () { status.textContent = "検索できませんでした。住所を直接入力してください。"; });
  });
})();

// Appeal points from the careers translator: appended to 自己PR as a new paragraph, to be edited before saving.
(function () {
  var area = document.querySelector('[name="self_pr"]');
  if (!area) return;
  document.querySelectorAll("#appeal-points .with-js").forEach(function (note) { note.hidden = false; });
  document.querySelectorAll(".insert-appeal").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.dataset.text;
      area.value = area.value.trim() ? area.value.replace(/\s+$/, "") + "\n\n" + text : text;
      area.focus();
      button.disabled = true;
      button.textContent = "追加しました";
    });
  });
})();
