from krachtbron.lib.tokens import (
    hash_token,
    is_well_formed,
    new_receipt,
    new_token,
    token_matches,
)


def test_a_token_carries_at_least_128_random_bits():
    """SECURITY.md 4: the link's secret is TOKEN_BYTES from ``secrets`` (256 bits, at least
    128), written as 43 url-safe characters of 6 bits each."""
    import base64

    from krachtbron.lib.tokens import TOKEN_BYTES

    assert TOKEN_BYTES * 8 >= 128
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 43 and is_well_formed(t) for t in tokens)
    decoded = {base64.urlsafe_b64decode(t + "=") for t in tokens}
    assert {len(raw) * 8 for raw in decoded} == {TOKEN_BYTES * 8}


def test_only_the_hash_is_compared_in_constant_time():
    token = new_token()
    stored = hash_token(token)
    assert len(stored) == 64 and token not in stored
    assert token_matches(token, stored)
    assert not token_matches(token[:-1] + ("A" if token[-1] != "A" else "B"), stored)


def test_malformed_tokens_are_refused_before_any_lookup():
    for bad in ["", "abc", new_token()[:-1], "a" * 10240, "é" * 43, "🙂" * 43, "a/b", None, 42]:
        assert not is_well_formed(bad)


def test_receipts_are_short_and_easy_to_read_aloud():
    receipt = new_receipt()
    assert len(receipt) == 9 and receipt[4] == "-"
    assert not set(receipt) & set("01ILO")
