"""core.downloads' one Excel CSV writer, shared by the agency's books, the posting import's template and マイデータ."""

from bonavi.core.downloads import excel_csv, excel_safe


def test_a_formula_is_defused_and_an_amount_kept_unless_every_string_is_typed_text() -> None:
    assert excel_safe('=HYPERLINK("http://evil.example")') == '\'=HYPERLINK("http://evil.example")'
    assert [excel_safe(v) for v in ("-30000", "+81", "@x", "\tx", "経理")] == [
        "-30000",
        "'+81",
        "'@x",
        "'\tx",
        "経理",
    ]
    assert excel_safe("-1", numbers=False) == "'-1"


def test_the_text_starts_with_the_bom_and_ends_rows_with_crlf() -> None:
    text = excel_csv([["氏名", "備考"], ["山田", "=1+1"]])
    assert text == "\ufeff氏名,備考\r\n山田,'=1+1\r\n"
    assert excel_csv([["-列"]], safe=False) == "\ufeff-列\r\n"
