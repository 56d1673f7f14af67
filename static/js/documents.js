// 〒 → 住所: fills 都道府県・市区町村・町域 from the server's offline table; typing by hand always works too.
(function () {
  var button = document.getElementById("postal-lookup");
  if (!button) return;
  var status = document.getElementById("postal-status");
  button.hidden = false;  // rendered hidden: without this script the button would do nothing
  function byName(name) { return document.querySelector('[name="' + name + '"]'); }
  button.addEventListener("click", function () {
    var code = (byName("postal_code").value || "").replace(/[^0-9０-９]/g, "");
    if (code.length !== 7) { status.textContent = "郵便番号を7桁で入力してください。"; return; }
    status.textContent = "検索しています…";
    fetch(button.dataset.url.replace("0000000", code), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { status.textContent = res.body.detail; return; }
        byName("postal_code").value = res.body.postalCode;
        byName("region").value = res.body.region;
        byName("city").value = res.body.city;
        if (!byName("address").value) byName("address").value = res.body.address;
        if (!byName("address_furigana").value) byName("address_furigana").value = res.body.furigana;
        status.textContent = "住所を入力しました。番地・建物名を続けて入力してください。";
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
