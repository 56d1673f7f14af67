// 〒 → 住所 on the profile without leaving the page (the same rule as core.postal.postal_fill, which answers the
// buttons when there is no JavaScript): an empty 住所 is filled; a typed one is never replaced unless asked.
(function () {
  var box = document.getElementById("postal-lookup");
  if (!box) return;
  var lookup = box.querySelector('[value="postal_lookup"]');
  var replace = document.getElementById("postal-replace");
  var status = document.getElementById("postal-status");
  var code = document.querySelector('[name="postal_code"]');
  var address = document.querySelector('[name="address"]');
  function flat(text) { return (text || "").normalize("NFKC").replace(/\s/g, ""); }
  function offer(found) {
    replace.dataset.address = found;
    replace.hidden = false;
  }
  lookup.addEventListener("click", function (event) {
    event.preventDefault();
    replace.hidden = true;
    var digits = (code.value || "").normalize("NFKC").replace(/\D/g, "");
    if (digits.length !== 7) { status.textContent = "郵便番号を7桁の数字で入力してください（例：150-0001）。"; return; }
    status.textContent = "検索しています…";
    fetch(box.dataset.url.replace("0000000", digits), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { status.textContent = res.body.detail; return; }
        var found = res.body.region + res.body.city + res.body.address;
        var typed = flat(address.value);
        code.value = res.body.postalCode;
        if (!typed) {
          address.value = found;
          status.textContent = "住所を入力しました。番地・建物名を続けて入力してください。";
        } else if (typed.indexOf(flat(found)) === 0 || typed.indexOf(flat(res.body.city + res.body.address)) === 0) {
          status.textContent = "入力済みの住所は郵便番号と一致しています。";
        } else {
          status.textContent = "入力済みの住所は変更していません。郵便番号の住所は「" + found + "」です。";
          offer(found);
        }
      })
      .catch(function () { status.textContent = "検索できませんでした。住所を直接入力してください。"; });
  });
  replace.addEventListener("click", function (event) {
    event.preventDefault();
    address.value = replace.dataset.address;
    replace.hidden = true;
    status.textContent = "住所を入力しました。番地・建物名を続けて入力してください。";
  });
})();
