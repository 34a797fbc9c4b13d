#!/usr/bin/env python3
"""Writes the hostile corpus (rules/, carts/, catalogs/) from the base documents beside this script.

Run it after changing a case here; the files are committed, and HostileCorpusTests reads them and
expected.txt. Each case is a base document with one hostile change, written byte for byte."""
import codecs, os, pathlib

here = pathlib.Path(__file__).parent
RULES = (here / "base-rules.json").read_text(encoding="utf-8")
CART = (here / "base-cart.json").read_text(encoding="utf-8")
CATALOG = (here / "base-catalog.json").read_text(encoding="utf-8")


def sub(text, old, new):
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def deep(depth):
    return "[" * depth + "1" + "]" * depth


rules = {
    # Lone surrogates (escaped: no UTF-8 can carry one) in every kind of string of a rule set.
    "surrogate-id": sub(RULES, '"id": "hostile-base"', '"id": "\\ud800"'),
    "surrogate-version": sub(RULES, '"version": "1"', '"version": "v\\udfff"'),
    "surrogate-currency": sub(RULES, '"currency": "CNY"', '"currency": "\\ud800"'),
    "surrogate-tier": sub(RULES, '"tiers": ["silver", "gold"]', '"tiers": ["silver", "\\ud83d"]'),
    "surrogate-layer": sub(RULES, '{"id": "store", "maxCoupons": 1}', '{"id": "\\udc00store", "maxCoupons": 1}'),
    "surrogate-promotion-id": sub(RULES, '"id": "rice-special"', '"id": "rice\\ud800"'),
    "surrogate-promotion-name": sub(RULES, '"name": "大米特价"', '"name": "大米\\ud800"'),
    "surrogate-description": sub(RULES, '"description": "SH-001 only"', '"description": "\\udbff\\udbff"'),
    "surrogate-kind": sub(RULES, '"kind": "specialPrice"', '"kind": "\\ud800"'),
    "surrogate-scope-category": sub(RULES, '"categories": ["grocery"], "excludeCategories"', '"categories": ["\\ud800"], "excludeCategories"'),
    "surrogate-store": sub(RULES, '"stores": ["SH-001", "SH-002"]', '"stores": ["SH-001", "\\udfffSH"]'),
    "surrogate-window": sub(RULES, '"from": "2026-11-01T00:00:00+08:00"', '"from": "2026-11-01T00:00:00\\ud800+08:00"'),
    "surrogate-coupon-id": sub(RULES, '"id": "sh1-30"', '"id": "sh1-\\ud800"'),
    "surrogate-funding-party": sub(RULES, '"funding": "brand"', '"funding": "\\ud800"'),
    "reversed-pair": sub(RULES, '"id": "grocery-200-20"', '"id": "\\udc00\\ud800"'),
    "surrogate-property-name": sub(RULES, '"id": "hostile-base",', '"id": "hostile-base", "\\ud800": 1,'),
    "surrogate-nested-property-name": sub(RULES, '"price": 69.90', '"price": 69.90, "x\\udc00y": true'),
    "surrogate-everywhere": sub(sub(sub(RULES, '"id": "hostile-base"', '"id": "\\ud800"'), '"name": "大米特价"', '"name": "\\udc01"'), '"id": "sh1-30"', '"id": "\\ud800\\ud800"'),
    # A paired escape is good text: accepted.
    "paired-surrogate-escape": sub(RULES, '"name": "大米特价"', '"name": "大米 \\ud83c\\udf5a"'),
    # NUL and other control characters in ids: valid text, taken as it is everywhere.
    "nul-in-promotion-id": sub(RULES, '"id": "rice-special"', '"id": "rice\\u0000special"'),
    "escape-sequence-in-name": sub(RULES, '"name": "大米特价"', '"name": "\\u001b[2J\\u0007"'),
    # Numbers.
    "exponent-price": sub(RULES, '"price": 69.90', '"price": 6.99e1'),
    "exponent-percent": sub(RULES, '"percentOff": 5', '"percentOff": 5E0'),
    "exponent-huge": sub(RULES, '"price": 69.90', '"price": 1e400'),
    "exponent-tiny": sub(RULES, '"percentOff": 5', '"percentOff": 1e-400'),
    "huge-integer": sub(RULES, '"amountOff": 30', '"amountOff": 99999999999999999999999999999999'),
    "over-precise": sub(RULES, '"price": 69.90', '"price": 69.9000000000000000000000000000001'),
    "too-many-decimals": sub(RULES, '"price": 69.90', '"price": 69.901'),
    "money-beyond-int64": sub(RULES, '"amountOff": 30', '"amountOff": 92233720368547758.08'),
    "negative-zero": sub(RULES, '"minSpend": 300', '"minSpend": -0'),
    "nan-literal": sub(RULES, '"price": 69.90', '"price": NaN'),
    "priority-beyond-int32": sub(RULES, '"priority": 1', '"priority": 4294967296'),
    # Structure.
    "deep-nesting": sub(RULES, '"price": 69.90', '"price": ' + deep(200)),
    "deep-nesting-within-limit": sub(RULES, '"price": 69.90', '"price": ' + deep(40)),
    "duplicate-property": sub(RULES, '"id": "hostile-base",', '"id": "hostile-base", "id": "again",'),
    "duplicate-nested-property": sub(RULES, '"price": 69.90', '"price": 69.90, "price": 1.00'),
    "truncated": RULES[: len(RULES) // 2],
    "trailing-comma": sub(RULES, '"maxCoupons": 1}', '"maxCoupons": 1,}'),
    "comment": "// rules\n" + RULES,
    "trailing-garbage": RULES + "}",
    "two-documents": RULES + RULES,
    "empty": "",
    "whitespace": " \n\t ",
    "null": "null",
    "array": "[" + RULES + "]",
    "schema-property": sub(RULES, '"id": "hostile-base",', '"$schema": "https://example.com/rule-set.schema.json", "id": "hostile-base",'),
    "unknown-dollar-property": sub(RULES, '"id": "hostile-base",', '"$id": "x", "id": "hostile-base",'),
}

rules_bytes = {
    "bom": codecs.BOM_UTF8 + RULES.encode(),
    "double-bom": codecs.BOM_UTF8 + codecs.BOM_UTF8 + RULES.encode(),
    "utf16le-bom": codecs.BOM_UTF16_LE + RULES.encode("utf-16-le"),
    "utf16be-bom": codecs.BOM_UTF16_BE + RULES.encode("utf-16-be"),
    "utf16le": RULES.encode("utf-16-le"),
    "utf32le-bom": codecs.BOM_UTF32_LE + RULES.encode("utf-32-le"),
    "latin1": RULES.replace("大米特价", "réduction").replace("满200减20", "remise").replace("满300减30", "remise").encode("latin-1"),
    "invalid-byte": RULES.encode().replace("大米特价".encode(), b"\xff\xfe"),
    "overlong-slash": RULES.encode().replace(b'"1"', b'"\xc0\xaf"'),
    "encoded-surrogate": RULES.encode().replace("大米特价".encode(), b"\xed\xa0\x80"),
    "truncated-multibyte": RULES.encode()[: RULES.encode().index("大米特价".encode()) + 1],
    "raw-nul-byte": RULES.encode().replace(b'"rice-special"', b'"rice\x00special"'),
    "raw-control-in-string": RULES.encode().replace(b'"rice-special"', b'"rice\nspecial"'),
}

carts = {
    # Lone surrogates in every string of a cart, and in property names.
    "surrogate-line-id": sub(CART, '"id": "L1"', '"id": "\\ud800"'),
    "surrogate-sku": sub(CART, '"sku": "COF-DRIP-10"', '"sku": "COF\\udc00"'),
    "surrogate-brand": sub(CART, '"brand": "northland"', '"brand": "\\ud800"'),
    "surrogate-category": sub(CART, '"categories": ["milk", "dairy", "fresh"]', '"categories": ["milk", "\\ud800", "fresh"]'),
    "surrogate-tag": sub(CART, '"tags": ["gift-box"]', '"tags": ["gift\\udfff"]'),
    "surrogate-customer-id": sub(CART, '"id": "M-10457721"', '"id": "M-\\ud800"'),
    "surrogate-tier": sub(CART, '"tier": "silver"', '"tier": "\\ud800"'),
    "surrogate-coupon-code": sub(CART, '"code": "SH1-30-5531"', '"code": "SH1-\\ud800"'),
    "surrogate-coupon-id": sub(CART, '"couponId": "sh1-30"', '"couponId": "\\udc00"'),
    "surrogate-currency": sub(CART, '"currency": "CNY"', '"currency": "\\ud800"'),
    "surrogate-channel": sub(CART, '"channel": "store"', '"channel": "\\ud800"'),
    "surrogate-store": sub(CART, '"storeId": "SH-001"', '"storeId": "SH\\ud800"'),
    "surrogate-at": sub(CART, '"at": "2026-11-11T15:40:00+08:00"', '"at": "2026-11-11T15:40:00\\ud800+08:00"'),
    "surrogate-use-points": sub(CART, '"usePoints": 2000', '"usePoints": "\\ud800"'),
    "surrogate-property-name": sub(CART, '"currency": "CNY",', '"currency": "CNY", "\\ud800": 1,'),
    "surrogate-line-property-name": sub(CART, '"id": "L2",', '"id": "L2", "\\udc00": "x",'),
    "surrogate-usage-key": sub(CART, '"usePoints": 2000', '"usePoints": 2000, "usage": {"codes": {"\\ud800": 1}}'),
    "surrogates-in-three-places": sub(sub(sub(CART, '"id": "L1"', '"id": "\\ud800"'), '"brand": "golden-bean"', '"brand": "\\udc00"'), '"code": "SH1-30-5531"', '"code": "\\ud800"'),
    "surrogate-issue-repro": sub(CART, '"brand": "northland"', '"brand": "\\ud800"').replace('"channel": "store"', '"channel": "online"').replace('"storeId": "SH-001",\n', ''),
    # NUL and control characters in ids: valid text, priced alike everywhere.
    "nul-line-id": sub(CART, '"id": "L3"', '"id": "L\\u00003"'),
    "nul-customer-id": sub(CART, '"id": "M-10457721"', '"id": "M-1045\\u00007721"'),
    "nul-coupon-code": sub(CART, '"code": "SH1-30-5531"', '"code": "SH1\\u0000"'),
    "escape-sequence-coupon-code": sub(CART, '"code": "SH1-30-5531"', '"code": "\\u001b[2JSH1"'),
    "nul-sku": sub(CART, '"sku": "COF-DRIP-10"', '"sku": "COF\\u0000DRIP"'),
    # Numbers.
    "exponent-quantity": sub(CART, '"quantity": 4,\n      "categories": ["milk"', '"quantity": 4e0,\n      "categories": ["milk"'),
    "exponent-unit-price": sub(CART, '"unitPrice": 45.00', '"unitPrice": 4.5E1'),
    "exponent-points": sub(CART, '"points": 5600', '"points": 5.6e3'),
    "exponent-huge-quantity": sub(CART, '"quantity": 1,', '"quantity": 1e30,'),
    "exponent-huge-price": sub(CART, '"unitPrice": 45.00', '"unitPrice": 1e400'),
    "exponent-tiny-price": sub(CART, '"unitPrice": 45.00', '"unitPrice": 1e-400'),
    "fractional-exponent-quantity": sub(CART, '"quantity": 1,', '"quantity": 15e-1,'),
    "huge-quantity": sub(CART, '"quantity": 1,', '"quantity": 99999999999,'),
    "quantity-beyond-int64": sub(CART, '"quantity": 1,', '"quantity": 9223372036854775808,'),
    "line-amount-beyond-int64": sub(CART, '"quantity": 1,', '"quantity": 922337203685477580,'),
    "huge-points": sub(CART, '"points": 5600', '"points": 99999999999999999'),
    "over-precise-price": sub(CART, '"unitPrice": 45.00', '"unitPrice": 45.0000000000000000000000000000001'),
    "too-many-decimals": sub(CART, '"unitPrice": 45.00', '"unitPrice": 45.001'),
    "price-beyond-int64": sub(CART, '"unitPrice": 45.00', '"unitPrice": 92233720368547758.08'),
    "negative-zero-quantity": sub(CART, '"quantity": 1,', '"quantity": -0,'),
    # Structure.
    "deep-nesting": sub(CART, '"usePoints": 2000', '"usePoints": ' + deep(200)),
    "duplicate-property": sub(CART, '"currency": "CNY",', '"currency": "CNY", "currency": "CNY",'),
    "duplicate-line-property": sub(CART, '"id": "L2",', '"id": "L2", "id": "L9",'),
    "duplicate-line-id": sub(CART, '"id": "L2"', '"id": "L1"'),
    "truncated": CART[: len(CART) // 2],
    "trailing-comma": sub(CART, '"usePoints": 2000', '"usePoints": 2000,'),
    "trailing-garbage": CART + "]",
    "empty": "",
    "null": "null",
    "string": '"cart"',
    "lines-not-array": sub(CART, '"lines": [', '"lines": {"x": [').replace('\n  ],\n  "coupons"', '\n  ]},\n  "coupons"'),
}

carts_bytes = {
    "bom": codecs.BOM_UTF8 + CART.encode(),
    "utf16le-bom": codecs.BOM_UTF16_LE + CART.encode("utf-16-le"),
    "utf16be": CART.encode("utf-16-be"),
    "invalid-byte": CART.encode().replace(b'"northland"', b'"north\xffland"'),
    "encoded-surrogate": CART.encode().replace(b'"northland"', b'"\xed\xb0\x80"'),
    "raw-nul-byte": CART.encode().replace(b'"M-10457721"', b'"M-\x00"'),
}

catalogs = {
    "surrogate-sku": sub(CATALOG, '"sku": "COF-DRIP-10"', '"sku": "\\ud800"'),
    "surrogate-name": sub(CATALOG, '"name": "Drip Bag Coffee, 10 pack"', '"name": "Drip \\udc00"'),
    "surrogate-store": sub(CATALOG, '"stores": ["SH-001"]', '"stores": ["\\ud800"]'),
    "surrogate-property-name": sub(CATALOG, '"currency": "CNY",', '"currency": "CNY", "\\ud800": 1,'),
    "huge-price": sub(CATALOG, '"unitPrice": 45.0', '"unitPrice": 1e400'),
    "deep-nesting": sub(CATALOG, '"unitPrice": 45.0', '"unitPrice": ' + deep(200)),
    "duplicate-property": sub(CATALOG, '"currency": "CNY",', '"currency": "CNY", "currency": "USD",'),
    "truncated": CATALOG[: len(CATALOG) // 2],
}

catalogs_bytes = {
    "bom": codecs.BOM_UTF8 + CATALOG.encode(),
    "utf16le-bom": codecs.BOM_UTF16_LE + CATALOG.encode("utf-16-le"),
    "invalid-byte": CATALOG.encode().replace(b'"Drip Bag Coffee, 10 pack"', b'"Drip \xff"'),
}


def write(folder, texts, raw):
    path = here / folder
    path.mkdir(exist_ok=True)
    for old in path.glob("*.json"):
        old.unlink()
    for name, text in texts.items():
        (path / f"{name}.json").write_bytes(text.encode("utf-8"))
    for name, data in raw.items():
        (path / f"{name}.json").write_bytes(data)


write("rules", rules, rules_bytes)
write("carts", carts, carts_bytes)
write("catalogs", catalogs, catalogs_bytes)
print(f"{len(rules) + len(rules_bytes)} rule sets, {len(carts) + len(carts_bytes)} carts, {len(catalogs) + len(catalogs_bytes)} catalogs")
