#!/usr/bin/env python3
"""Writes the list of common passwords the app refuses (src/CaseManagement.Web/Security/CommonPasswords.txt).

Every entry is 12 characters or longer (shorter passwords are refused by length already), lower case (the check is
case-insensitive), one per line, sorted. The list is built from well-known patterns: keyboard walks, digit and letter
runs, repeated words, and common base words (English and Norwegian) with the suffixes people add to reach a length
rule. With Debian's john-data installed, the most frequent words of its public-domain password.lst are used as
extra base words:  tools/common-passwords.py [/usr/share/john/password.lst]
"""
import itertools
import os
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "CaseManagement.Web", "Security", "CommonPasswords.txt")
MIN = 12

BASE_WORDS = """
password passord passwort motdepasse contrasena welcome velkommen letmein trustno1 iloveyou iloveu admin
administrator root master secret hemmelig qwerty dragon monkey football fotball soccer baseball basketball
hockey sunshine princess shadow superman batman starwars pokemon minecraft fortnite computer internet
michael jennifer jordan hunter charlie thomas thomas1 daniel andrew joshua matthew jessica ashley
summer sommer winter vinter spring autumn hosten hoesten varen norge norway oslo bergen trondheim stavanger
tromso drammen kristiansand fredrikstad tonsberg larvik sandefjord vestfold viken politiet politi kommune
nav barnevern skole helse mamma pappa familie kjaereste elsker elskerdeg jegelskerdeg hallo heisann
god morgen godmorgen takk bamse kanin katt hund hest fisk fiske ski fjell hytte sjokolade kaffe brunost
lofoten nordlys viking vikinger rosenborg brann molde valerenga lyn liverpool arsenal chelsea manchester
barcelona realmadrid juventus ferrari porsche mercedes volvo tesla toyota apple samsung google microsoft
windows linux oracle service support helpdesk changeme default guest test testing tester user bruker
login logon access tilgang oppfolging oppfoelging casemanagement sommerferie vinterferie julaften jul
christmas easter paske nyttaar newyear birthday bursdag freedom frihet whatever nothing forever always
love lovely loveyou baby angel sweetheart kjaerlighet butterfly flower blomst rainbow regnbue
""".split()

SUFFIXES = [
    "", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "1234567890",
    "!", "1!", "12!", "123!", "1234!", "!!", "!!!", "?", ".", "01", "007", "69", "99", "00", "000", "111",
    "321", "4321", "@123", "#1", "123123", "2468", "13579", "0000", "1111", "2222", "9999",
] + [str(y) for y in range(1980, 2031)] + [str(y) + "!" for y in range(2015, 2031)]

PREFIXES = ["", "my"]

KEYBOARD = [
    "1234567890", "0987654321", "qwertyuiop", "poiuytrewq", "asdfghjkl", "lkjhgfdsa", "zxcvbnm", "mnbvcxz",
    "qwertyuiopå", "asdfghjkløæ", "qazwsxedcrfvtgbyhnujmikolp", "1qaz2wsx3edc4rfv5tgb6yhn", "zaq12wsxcde34rfv",
    "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0", "qweasdzxc", "qazwsxedc", "!qaz@wsx#edc", "1qazxsw2", "zaq1xsw2",
    "qwertyasdfghzxcvbn", "asdfqwerzxcv", "qwerasdfzxcv", "abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba",
    "abcdefghijklmnopqrstuvwxyzæøå",
]


def keyboard_walks():
    out = set()
    for walk in KEYBOARD:
        for end in range(MIN, len(walk) + 1):
            out.add(walk[:end])
        out.add(walk + walk)
    rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"]
    for a, b in itertools.permutations(rows, 2):
        for i in range(4, len(a) + 1):
            for j in range(4, len(b) + 1):
                out.add(a[:i] + b[:j])
    return out


def runs():
    out = set()
    digits = "12345678901234567890123456789012"
    for end in range(MIN, 33):
        out.add(digits[:end])
        out.add("0" + digits[:end - 1])
        out.add(digits[:end][::-1])
    for ch in "0123456789abcdefghijklmnopqrstuvwxyz!*":
        for n in range(MIN, 33):
            out.add(ch * n)
    for unit in ["12", "123", "1234", "12345", "123456", "abc", "abcd", "ab", "xo", "ha", "hei", "lol", "qwe", "asd",
                 "147", "258", "369", "159", "753", "951", "789", "987", "654", "321", "112233", "121", "0123",
                 "1122", "2580", "01", "10", "69", "007", "911", "666", "777", "888", "999", "000"]:
        for n in range(2, 17):
            value = unit * n
            if MIN <= len(value) <= 40:
                out.add(value)
    for a in range(1, 10):
        out.add("".join(str((a + i) % 10) for i in range(MIN)))
    return out



def words(extra_path):
    base = [w.lower() for w in BASE_WORDS]
    if extra_path and os.path.exists(extra_path):
        with open(extra_path, encoding="latin-1") as f:
            lines = [l.strip().lower() for l in f if l.strip() and not l.startswith("#!")]
        base += [w for w in lines if w.isalpha() and 4 <= len(w) <= 12][:250]
    seen = []
    for w in base:
        if w not in seen:
            seen.append(w)
    return seen


def main():
    extra = sys.argv[1] if len(sys.argv) > 1 else None
    base = words(extra)
    out = set()
    out |= keyboard_walks()
    out |= runs()
    for w in base:
        for p in PREFIXES:
            for s in SUFFIXES:
                out.add(p + w + s)
        out.add(w + w)
        out.add(w + w + "1")
        out.add(w + w + "123")
        out.add(w[::-1] + w)
        out.add(w + w[::-1])
        out.add(w.replace("a", "4").replace("e", "3").replace("o", "0").replace("i", "1") + "123456")
    top = base[:90]
    for a, b in itertools.product(top, top):
        if a != b:
            out.add(a + b)
            out.add(a + b + "1")
    for w in base:
        for k in ["123456789", "qwerty", "qwertyuiop", "asdfgh", "1qaz2wsx"]:
            out.add(w + k)
            out.add(k + w)
    classics = ["password123456", "qwertyuiopasdfgh", "123456789012", "passwordpassword", "iloveyouiloveyou",
                "correcthorsebatterystaple", "letmeinletmein", "trustno1trustno1", "administrator1", "passord123456",
                "sommer2024sommer", "welcome12345", "password1234", "qwerty123456", "1q2w3e4r5t6y", "abc123abc123",
                "changeme123456", "p@ssw0rd1234", "p@ssword1234", "passw0rd1234", "qwertyuiop123", "asdfghjkl123",
                "zxcvbnm123456", "000000000000", "111111111111", "123123123123", "123456123456", "987654321098"]
    out |= set(classics)
    result = sorted(v for v in out if MIN <= len(v) <= 128 and "\n" not in v)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(result) + "\n")
    print(f"{len(result)} entries -> {os.path.normpath(OUT)}")


main()
