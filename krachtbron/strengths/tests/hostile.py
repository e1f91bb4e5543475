"""Names and notes that try to become markup (SECURITY.md 11, 13). Shared by both apps' tests."""

RLO = "\u202e"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "</text><foreignObject>",
    "{{7*7}}",
    f"Ali{RLO}fdp.exe",
]
