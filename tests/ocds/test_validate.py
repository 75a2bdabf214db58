"""Tests of tests/ocds/validate.py: the example package passes, and each way of breaking the
UK2 shape, the schema or a closed codelist is caught with its JSON path and a clear message."""
from __future__ import annotations

import copy
import io
import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import validate  # noqa: E402

EXAMPLE = HERE / "example-uk2-package.json"
PREFIX = "ocds-b5fd17-"


@pytest.fixture
def package() -> dict:
    with EXAMPLE.open(encoding="utf-8") as f:
        return json.load(f)


def issues(pkg, prefix=PREFIX):
    return validate.validate_package(pkg, prefix)


def assert_issue(found, kind, path, text):
    hits = [i for i in found if i.kind == kind and i.path == path and text in i.message]
    assert hits, f"no {kind} issue at {path} containing {text!r}; got:\n" + "\n".join(map(str, found))


# ---------------------------------------------------------------------------------------------
# The example

def test_example_passes(package):
    assert issues(package) == []


def test_example_passes_with_default_prefix(package):
    assert issues(package, "ocds-") == []


def test_example_is_what_the_brief_describes(package):
    first, second = package["releases"]
    assert package["extensions"] == [validate.UK_EXTENSION_URL]
    assert first["tag"] == ["planning"] and second["tag"] == ["planningUpdate"]
    assert first["ocid"].startswith(PREFIX)
    for r in (first, second):
        assert r["language"] == "en" and r["initiationType"] == "tender"
        assert r["tender"]["id"] == "SLF-2003-SPP" and r["tender"]["status"] == "planning"
        assert r["buyer"]["id"] == "GB-LAE-SLF"
        assert r["parties"][0]["identifier"] == {"scheme": "GB-LAE", "id": "SLF", "legalName": "Salford City Council"}
        assert {"scheme": "CPV", "id": "79211000-6", "description": "Accounting services"} in [i["classification"] for i in r["tender"]["items"]]
    assert first["planning"]["milestones"][0]["dueDate"] == "2003-04-11T12:00:00+01:00"
    assert second["planning"]["milestones"][0]["dueDate"] == "2003-04-25T12:00:00+01:00"


def test_cli_on_the_example():
    out = io.StringIO()
    assert validate.main([str(EXAMPLE), "--ocid-prefix", PREFIX], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("OK   ") and "2 release(s)" in lines[0] and "0 error(s)" in lines[0]


# ---------------------------------------------------------------------------------------------
# The mutations the brief names, and more

def swap_tags(p):
    p["releases"][0]["tag"], p["releases"][1]["tag"] = ["planningUpdate"], ["planning"]


def set_(path, value):
    def mutate(p):
        node = p
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


def delete(path):
    def mutate(p):
        node = p
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return mutate


R0, R1 = ("releases", 0), ("releases", 1)

MUTATIONS = {
    # the brief's list
    "wrong tag order": (swap_tags, "uk2", "$.releases[0].tag", 'the first release must be tagged ["planning"]'),
    "duplicate release id": (lambda p: p["releases"][1].__setitem__("id", p["releases"][0]["id"]),
                             "uk2", "$.releases[1].id", "duplicate release id"),
    "closed codelist value": (set_(R1 + ("tender", "status"), "open-ish"),
                              "codelist", "$.releases[1].tender.status", "'open-ish' is not a code of the closed codelist tenderStatus.csv"),
    "date-time without offset": (set_(R1 + ("date",), "2003-03-28T14:00:00"),
                                 "schema", "$.releases[1].date", "is not a valid date-time"),
    "milestone date-time without offset": (set_(R0 + ("planning", "milestones", 0, "dueDate"), "2003-04-11T12:00:00"),
                                           "schema", "$.releases[0].planning.milestones[0].dueDate", "with a UTC offset"),
    "milestone type missing": (delete(R0 + ("planning", "milestones", 0, "type")),
                               "uk2", "$.releases[0].planning.milestones", "exactly one milestone with type 'engagement', found 0"),
    "missing UK_CA_TYPE classification": (delete(R0 + ("parties", 0, "details", "classifications")),
                                          "uk2", "$.releases[0].parties[0].details.classifications", "scheme 'UK_CA_TYPE'"),
    "noticeType not UK2": (set_(R0 + ("planning", "documents", 0, "noticeType"), "UK3"),
                           "uk2", "$.releases[0].planning.documents[0].noticeType", "noticeType 'UK2', found 'UK3'"),
    # more of the shape
    "version 1.0": (set_(("version",), "1.0"), "uk2", "$.version", "must be '1.1'"),
    "no UK extension": (set_(("extensions",), ["https://example.com/other/extension.json"]), "uk2", "$.extensions", "ocds_uk_extension"),
    "no uri": (delete(("uri",)), "schema", "$", "'uri' is a required property"),
    "uri not a URI": (set_(("uri",), "not a uri"), "schema", "$.uri", "is not a valid uri"),
    "publishedDate before the newest release": (set_(("publishedDate",), "2003-03-28T09:00:00+00:00"),
                                                "uk2", "$.publishedDate", "before the newest release"),
    "ocid prefix": (lambda p: [r.__setitem__("ocid", "ocds-zzzzzz-1") for r in p["releases"]],
                    "uk2", "$.releases[0].ocid", "must be the prefix 'ocds-b5fd17-'"),
    "two ocids": (set_(R1 + ("ocid",), PREFIX + "other"), "uk2", "$.releases", "the same ocid"),
    "later release not planningUpdate": (set_(R1 + ("tag",), ["tenderUpdate"]), "uk2", "$.releases[1].tag", '["planningUpdate"]'),
    "dates out of order": (set_(R1 + ("date",), "2003-03-27T14:00:00+00:00"), "uk2", "$.releases[1].date", "date order"),
    "language": (set_(R0 + ("language",), "cy"), "uk2", "$.releases[0].language", "must be 'en'"),
    "tender status planned": (set_(R0 + ("tender", "status"), "planned"), "uk2", "$.releases[0].tender.status", "must be 'planning'"),
    "no tender title": (delete(R0 + ("tender", "title")), "uk2", "$.releases[0].tender.title", "non-empty"),
    "no notice document": (set_(R0 + ("planning", "documents", 0, "documentType"), "tenderNotice"),
                           "uk2", "$.releases[0].planning.documents", "documentType 'marketEngagementNotice', found 0"),
    "notice document without url": (delete(R0 + ("planning", "documents", 0, "url")),
                                    "uk2", "$.releases[0].planning.documents[0].url", "must have a url"),
    "notice document without datePublished": (delete(R0 + ("planning", "documents", 0, "datePublished")),
                                              "uk2", "$.releases[0].planning.documents[0].datePublished", "datePublished"),
    "notice document without description": (delete(R0 + ("planning", "documents", 0, "description")),
                                            "uk2", "$.releases[0].planning.documents[0].description", "description"),
    "noticeType on planning": (set_(R0 + ("planning", "noticeType"), "UK2"),
                               "uk2", "$.releases[0].planning.noticeType", "belongs on planning.documents[]"),
    "two engagement milestones": (lambda p: p["releases"][0]["planning"]["milestones"].append(
                                      dict(p["releases"][0]["planning"]["milestones"][0], id="second")),
                                  "uk2", "$.releases[0].planning.milestones", "found 2"),
    "engagement milestone without dueDate": (delete(R0 + ("planning", "milestones", 0, "dueDate")),
                                             "uk2", "$.releases[0].planning.milestones[0].dueDate", "dueDate"),
    "engagement milestone without status": (delete(R0 + ("planning", "milestones", 0, "status")),
                                            "uk2", "$.releases[0].planning.milestones[0].status", "status"),
    "milestone status not in its closed codelist": (set_(R0 + ("planning", "milestones", 0, "status"), "done"),
                                                    "codelist", "$.releases[0].planning.milestones[0].status", "milestoneStatus.csv"),
    "item without CPV": (set_(R0 + ("tender", "items", 0, "classification", "scheme"), "UNSPSC"),
                         "uk2", "$.releases[0].tender.items[0].classification.scheme", "must be 'CPV'"),
    "item CPV id malformed": (set_(R0 + ("tender", "items", 0, "classification", "id"), "7921"),
                              "uk2", "$.releases[0].tender.items[0].classification.id", "CPV code"),
    "no items": (set_(R0 + ("tender", "items"), []), "uk2", "$.releases[0].tender.items", "at least one item"),
    "no buyer role": (set_(R0 + ("parties", 0, "roles"), ["procuringEntity"]), "uk2", "$.releases[0].parties", "roles include 'buyer'"),
    "buyer identified in Companies House": (set_(R0 + ("parties", 0, "identifier", "scheme"), "GB-COH"),
                                            "uk2", "$.releases[0].parties[0].identifier", "GB-LAE or GB-PPON"),
    "UK_CA_TYPE code not in the list": (set_(R0 + ("parties", 0, "details", "classifications", 0, "id"), "localAuthority"),
                                        "uk2", "$.releases[0].parties[0].details.classifications", "'localAuthority' is not one of"),
    "buyer.id not the party's": (set_(R0 + ("buyer", "id"), "GB-LAE-MAN"), "uk2", "$.releases[0].buyer.id", "GB-LAE-SLF"),
    "buyer.name not the party's": (set_(R0 + ("buyer", "name"), "Salford"), "uk2", "$.releases[0].buyer.name", "City of Salford"),
    "initiationType": (set_(R0 + ("initiationType",), "auction"), "codelist", "$.releases[0].initiationType", "initiationType.csv"),
    "currency": (set_(R0 + ("tender", "value"), {"amount": 1, "currency": "XXY"}),
                 "codelist", "$.releases[0].tender.value.currency", "currency.csv"),
    "mainProcurementCategory": (set_(R0 + ("tender", "mainProcurementCategory"), "service"),
                                "codelist", "$.releases[0].tender.mainProcurementCategory", "procurementCategory.csv"),
    "UK field with the wrong type": (set_(R0 + ("parties", 0, "details", "vcse"), "no"),
                                     "schema", "$.releases[0].parties[0].details.vcse", "is not of type"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_mutation_fails(package, name):
    mutate, kind, path, text = MUTATIONS[name]
    mutate(package)
    found = issues(package)
    assert_issue(found, kind, path, text)


def test_mutation_fails_in_the_cli(package, tmp_path):
    package["releases"][0]["planning"]["documents"][0]["noticeType"] = "UK3"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(package), encoding="utf-8")
    out = io.StringIO()
    assert validate.main([str(EXAMPLE), str(bad)], out=out) == 1
    text = out.getvalue()
    assert "  $.releases[0].planning.documents[0].noticeType: the marketEngagementNotice document must have noticeType 'UK2', found 'UK3' [uk2]" in text
    assert f"FAIL {bad}: 2 release(s)" in text and f"OK   {EXAMPLE}" in text
    assert text.rstrip().endswith("ocds: 2 package(s), errors found")


def test_unreadable_file_fails(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out = io.StringIO()
    assert validate.main([str(bad)], out=out) == 1
    assert "cannot read JSON" in out.getvalue()


@pytest.mark.parametrize("junk", [None, [], "x", {}, {"releases": {}}, {"releases": [1, None, {}]},
                                  {"releases": [{"tender": [], "planning": "x", "parties": {}, "buyer": 1}]}])
def test_junk_is_reported_not_raised(junk):
    found = issues(junk)
    assert found and all(isinstance(i, validate.Issue) for i in found)


# ---------------------------------------------------------------------------------------------
# JSON Merge Patch and the merged schema

@pytest.mark.parametrize("target,patch,result", [  # RFC 7386, Appendix A
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
])
def test_merge_patch(target, patch, result):
    before = copy.deepcopy(target)
    assert validate.merge_patch(target, patch) == result
    assert target == before


def test_merged_schema_has_core_and_uk_fields():
    s = validate.release_schema()
    doc = s["definitions"]["Document"]["properties"]
    assert "documentType" in doc and doc["noticeType"]["type"] == ["string", "null"]
    details = s["definitions"]["Organization"]["properties"]["details"]
    assert details["type"] == ["object", "null"] and "vcse" in details["properties"]
    assert s["definitions"]["Award"]["properties"]["mainProcurementCategory"]["openCodelist"] is False
    assert s["definitions"]["Tender"]["properties"]["status"]["codelist"] == "tenderStatus.csv"
    assert s["id"] == validate.RELEASE_SCHEMA_URL and "Planning" in s["definitions"]


def test_closed_codelist_fields_include_definitions():
    fields = dict(validate.closed_codelist_fields())
    assert fields["/properties/tag"] == "releaseTag.csv"
    assert fields["/definitions/Tender/properties/status"] == "tenderStatus.csv"
    assert fields["/definitions/Milestone/properties/status"] == "milestoneStatus.csv"
    assert fields["/definitions/Award/properties/mainProcurementCategory"] == "procurementCategory.csv"  # from the UK patch
    assert fields["/definitions/PerformanceFailure/properties/penaltyType"] == "penaltyType.csv"          # a UK codelist
    assert "/definitions/Milestone/properties/type" not in fields  # milestoneType is open


def test_codelists_merge_core_and_extension():
    lists = validate.codelists()
    assert {"marketEngagementNotice", "tenderNotice", "implementationNotice"} <= lists["documentType.csv"].codes
    assert {"engagement", "futureSignatureDate"} <= lists["milestoneType.csv"].codes
    assert {"CPV", "UK_CA_TYPE", "UKPGA"} <= lists["itemClassificationScheme.csv"].codes
    assert lists["penaltyType.csv"].codes == {"contracted", "imposed", "negotiated"}
    assert lists["bidStatistics.csv"].complete is False  # only the UK additions: the bid extension's list is not here
    assert validate.required_codes_present() == []


def test_uk_ca_type_codes():
    assert validate.uk_ca_type_codes() == {"publicAuthorityCentralGovernment", "publicAuthoritySubCentralGovernment",
                                           "publicUndertaking", "privateUtility", "other"}


def test_codelist_check_does_not_rely_on_the_schema_enum(package):
    schema = validate.release_schema()
    del schema["definitions"]["Tender"]["properties"]["status"]["enum"]
    del schema["properties"]["tag"]["items"]["enum"]
    release = package["releases"][0]
    assert validate.codelist_issues(release, schema=schema) == []
    release["tender"]["status"] = "open-ish"
    release["tag"] = ["planning", "planned"]
    found = validate.codelist_issues(release, "$.releases[0]", schema=schema)
    assert [(i.path, i.kind) for i in found] == [("$.releases[0].tag[1]", "codelist"), ("$.releases[0].tender.status", "codelist")]


def test_closed_codelist_not_available_is_an_error():
    schema = {"type": "object", "properties": {"x": {"$ref": "#/definitions/X"}},
              "definitions": {"X": {"type": "string", "codelist": "nowhere.csv", "openCodelist": False}}}
    found = validate.codelist_issues({"x": "a"}, schema=schema)
    assert len(found) == 1 and "not available offline" in found[0].message and found[0].path == "$.x"


def test_validation_never_touches_the_network(package, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for cached in (validate._package_validator, validate._release_schema, validate._package_schema, validate.codelists):
        cached.cache_clear()
    assert issues(package) == []
    package["releases"][0]["tender"]["items"][0]["unit"] = {"scheme": "UNCEFACT", "value": {"amount": "x"}}
    assert_issue(issues(package), "schema", "$.releases[0].tender.items[0].unit.value.amount", "is not of type")


# ---------------------------------------------------------------------------------------------
# --url against a stand-in server on the loopback

class FakeServer:
    def __init__(self, exercises, packages, token=None):
        self.exercises, self.packages, self.token, self.seen = exercises, packages, token, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.seen.append((self.path, self.headers.get("Authorization")))
                if outer.token and self.headers.get("Authorization") != f"Bearer {outer.token}":
                    return self.reply(401, {"error": "token"})
                if self.path == "/api/v1/exercises":
                    return self.reply(200, outer.exercises)
                for xid, pkg in outer.packages.items():
                    if self.path == f"/api/v1/exercises/{xid}/ocds":
                        return self.reply(200, pkg)
                return self.reply(404, {"error": "not found"})

            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_url_validates_every_exercise_but_drafts(package):
    exercises = [{"id": "aaa", "stage": "draft", "reference": "D"}, {"id": "bbb", "stage": "closed", "reference": "SLF-2003-SPP"},
                 {"id": "ccc", "stage": "open", "reference": "SLF-DEMO-OPEN"}]
    with FakeServer(exercises, {"bbb": package, "ccc": package}, token="pt_secret") as server:
        out = io.StringIO()
        code = validate.main(["--url", server.url + "/", "--token", "pt_secret", "--ocid-prefix", PREFIX], out=out)
        paths = [p for p, _ in server.seen]
    assert code == 0, out.getvalue()
    assert paths == ["/api/v1/exercises", "/api/v1/exercises/bbb/ocds", "/api/v1/exercises/ccc/ocds"]
    assert all(auth == "Bearer pt_secret" for _, auth in server.seen)
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("OK   ") for line in lines) == 2 and lines[-1].startswith("ocds: 2 package(s)")


def test_url_fails_on_an_invalid_package_or_a_missing_one(package):
    broken = copy.deepcopy(package)
    broken["releases"][1]["tag"] = ["planning"]
    exercises = [{"id": "bbb", "stage": "closed"}, {"id": "ccc", "stage": "open"}, {"id": "ddd", "stage": "cancelled"}]
    with FakeServer(exercises, {"bbb": package, "ccc": broken}) as server:
        out = io.StringIO()
        code = validate.main(["--url", server.url, "--ocid-prefix", PREFIX], out=out)
    text = out.getvalue()
    assert code == 1
    assert "$.releases[1].tag: every release after the first must be tagged" in text
    assert "/api/v1/exercises/ddd/ocds (ddd, cancelled): HTTP 404" in text


def test_url_with_nothing_to_validate(package):
    with FakeServer([{"id": "aaa", "stage": "draft"}], {}) as server:
        assert validate.main(["--url", server.url], out=io.StringIO()) == 1
        assert validate.main(["--url", server.url, "--allow-empty"], out=io.StringIO()) == 0


def test_url_with_a_refused_token():
    with FakeServer([], {}, token="right") as server:
        out = io.StringIO()
        assert validate.main(["--url", server.url, "--token", "wrong"], out=out) == 1
        assert "401" in out.getvalue()


@pytest.mark.parametrize("argv", [[], ["a.json", "--url", "http://127.0.0.1:1"], ["a.json", "--token", "t"]])
def test_bad_usage(argv, capsys):
    with pytest.raises(SystemExit) as e:
        validate.main(argv, out=io.StringIO())
    assert e.value.code == 2
