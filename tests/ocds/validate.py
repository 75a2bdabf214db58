#!/usr/bin/env python3
"""Offline validator for OCDS 1.1.5 release packages shaped like Find a Tender's UK2
(preliminary market engagement) notices, as exported by `GET /api/v1/exercises/{id}/ocds`.

Three layers of checks, each reported with the JSON path of what it is about:

1. schema   - the package against the core `release-package-schema.json`, whose `releases.items`
              `$ref` (a URL) is mapped to the core `release-schema.json` with the UK extension's
              `release-schema.json` applied as a JSON Merge Patch (RFC 7386). Draft 4, as the
              schemas declare, with format checking (`date-time` is RFC 3339 with an offset, `uri`
              is RFC 3986). Nothing is fetched: every `$ref` resolves from the copies beside this
              file.
2. codelist - every field whose merged schema says `"codelist": "x.csv", "openCodelist": false`
              holds a `Code` of that codelist (each item, for an array): the core CSV plus the
              extension's `+x.csv` additions (minus any `-x.csv`), or the extension's own `x.csv`.
3. uk2      - the shape our export promises (see `shape_issues` for the rules).

The schemas and codelists are verbatim copies, made so that a clean clone needs nothing else:
standard-1.1.5/ (OCDS 1.1.5 core: the two schemas, the codelists, LICENSE) and uk-extension/
(the Cabinet Office's UK extension: extension.json, release-schema.json, codelists, README.md,
LICENSE). The extensions the UK extension declares as dependencies are not here, so the fields
they add (tender.lots, tender.communication, ...) are checked only as far as the core allows:
anything is accepted where the core schema does not say otherwise.

Usage as a CLI:
    python tests/ocds/validate.py FILE...
    python tests/ocds/validate.py --url http://127.0.0.1:8080 [--token TOKEN]
Exit status 0 when every package is valid, 1 otherwise (2 for bad usage).

Usage as a module:
    import validate
    issues = validate.validate_package(json.load(f), ocid_prefix="ocds-b5fd17-")
"""
from __future__ import annotations

import argparse
import copy
import csv
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

try:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
except ImportError as e:  # pragma: no cover
    sys.exit(f"validate.py needs the packages of tests/ocds/requirements.txt ({e}): "
             "python3 -m venv VENV && VENV/bin/pip install -r tests/ocds/requirements.txt")

HERE = Path(__file__).resolve().parent
CORE_DIR = HERE / "standard-1.1.5"
UK_DIR = HERE / "uk-extension"

# The core package schema refers to the release schema by this URL (its `releases.items.$ref`);
# it is also the release schema's own `id`. It is mapped to the merged schema, never fetched.
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"

# The UK extension's README and extension.json give no URL for the extension itself (only
# `documentationUrl` https://github.com/cabinetoffice/ocds_uk_extension). So any entry of
# `extensions` that contains the extension's repository name `ocds_uk_extension` and, as the
# package schema says an entry is "the URL of an extension.json file", ends in `/extension.json`
# is accepted. Find a Tender's own packages declare the URL below; the example package uses it.
UK_EXTENSION_NAME = "ocds_uk_extension"
UK_EXTENSION_URL = "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json"

# The codes the UK2 shape uses; `required_codes_present` checks each is in the copied codelists.
OCDS_VERSION = "1.1"
FIRST_TAG = ["planning"]
LATER_TAG = ["planningUpdate"]
TENDER_STATUS = "planning"                   # core tenderStatus.csv
DOCUMENT_TYPE = "marketEngagementNotice"     # uk-extension/codelists/+documentType.csv (planning)
NOTICE_TYPE = "UK2"                          # free text: uk-extension release-schema Document.noticeType
MILESTONE_TYPE = "engagement"                # core milestoneType.csv (the UK +milestoneType.csv adds only futureSignatureDate)
ITEM_SCHEME = "CPV"                          # core itemClassificationScheme.csv
BUYER_ROLE = "buyer"                         # core partyRole.csv
BUYER_ID_SCHEMES = ("GB-LAE", "GB-PPON")
CA_TYPE_SCHEME = "UK_CA_TYPE"                # uk-extension/codelists/+itemClassificationScheme.csv
LANGUAGE = "en"
CPV_ID = re.compile(r"^[0-9]{8}(-[0-9])?$")  # "with or without the check digit" (itemClassificationScheme.csv)


@dataclass(frozen=True)
class Issue:
    path: str      # JSON path, e.g. $.releases[0].tender.status
    message: str
    kind: str      # "schema", "codelist" or "uk2"

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.kind}]"


# --------------------------------------------------------------------------------------------
# JSON Merge Patch (RFC 7386)

def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 section 2: returns the patched value; neither argument is modified."""
    if isinstance(patch, dict):
        result = copy.deepcopy(target) if isinstance(target, dict) else {}
        for key, value in patch.items():
            if value is None:
                result.pop(key, None)
            else:
                result[key] = merge_patch(result.get(key), value)
        return result
    return copy.deepcopy(patch)


# --------------------------------------------------------------------------------------------
# Schemas and codelists, read from the copies beside this file

def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _require_format_checks() -> None:
    # jsonschema skips a format it has no checker for, silently: without rfc3339-validator a
    # date-time without an offset would pass. Refuse to run rather than pass what is invalid.
    missing = {"date-time", "uri"} - set(jsonschema.Draft4Validator.FORMAT_CHECKER.checkers)
    if missing:
        raise RuntimeError(f"jsonschema cannot check format(s) {sorted(missing)}: "
                           "install tests/ocds/requirements.txt")


@lru_cache(maxsize=None)
def _release_schema() -> dict:
    core = _load_json(CORE_DIR / "release-schema.json")
    patch = _load_json(UK_DIR / "release-schema.json")
    merged = merge_patch(core, patch)
    jsonschema.Draft4Validator.check_schema(merged)
    return merged


def release_schema() -> dict:
    """The core release schema with the UK extension merged in (a copy)."""
    return copy.deepcopy(_release_schema())


@lru_cache(maxsize=None)
def _package_schema() -> dict:
    schema = _load_json(CORE_DIR / "release-package-schema.json")
    ref = schema["properties"]["releases"]["items"].get("$ref")
    if ref != RELEASE_SCHEMA_URL:
        raise RuntimeError(f"release-package-schema.json refers to {ref!r}, expected {RELEASE_SCHEMA_URL}")
    jsonschema.Draft4Validator.check_schema(schema)
    return schema


def package_schema() -> dict:
    return copy.deepcopy(_package_schema())


@lru_cache(maxsize=None)
def _package_validator() -> jsonschema.Draft4Validator:
    _require_format_checks()
    registry = Registry().with_resource(
        RELEASE_SCHEMA_URL, Resource.from_contents(_release_schema(), default_specification=DRAFT4))
    # A Registry without `retrieve` cannot reach the network: an unknown $ref is an error.
    return jsonschema.Draft4Validator(_package_schema(), registry=registry,
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@dataclass(frozen=True)
class Codelist:
    name: str
    codes: frozenset
    complete: bool        # False: only an extension's `+x.csv` additions, the base list is not here
    sources: tuple


def _codes(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and "Code" not in rows[0]:
        raise RuntimeError(f"{path} has no Code column")
    return [row["Code"] for row in rows]


@lru_cache(maxsize=None)
def codelists() -> dict[str, Codelist]:
    """Core codelists with the UK extension's applied: `+x.csv` adds codes, `-x.csv` removes
    them, any other `x.csv` is a codelist of its own (replacing a core one of the same name)."""
    codes: dict[str, set] = {}
    complete: dict[str, bool] = {}
    sources: dict[str, list] = {}
    for path in sorted((CORE_DIR / "codelists").glob("*.csv")):
        codes[path.name] = set(_codes(path))
        complete[path.name] = True
        sources[path.name] = [str(path.relative_to(HERE))]
    ext = sorted((UK_DIR / "codelists").glob("*.csv"))
    for path in [p for p in ext if p.name[0] not in "+-"]:
        codes[path.name] = set(_codes(path))
        complete[path.name] = True
        sources[path.name] = [str(path.relative_to(HERE))]
    for path in [p for p in ext if p.name[0] in "+-"]:
        name = path.name[1:]
        if name not in codes:
            codes[name], complete[name], sources[name] = set(), False, []
        if path.name[0] == "+":
            codes[name] |= set(_codes(path))
        else:
            codes[name] -= set(_codes(path))
        sources[name].append(str(path.relative_to(HERE)))
    return {n: Codelist(n, frozenset(codes[n]), complete[n], tuple(sources[n])) for n in codes}


@lru_cache(maxsize=None)
def uk_ca_type_codes() -> frozenset:
    """The UK extension has no codelist file for UK_CA_TYPE: the scheme is a row of its
    `+itemClassificationScheme.csv`, whose Description lists the codes ("One of a, b, ... .")."""
    path = UK_DIR / "codelists" / "+itemClassificationScheme.csv"
    with path.open(encoding="utf-8", newline="") as f:
        row = next((r for r in csv.DictReader(f) if r["Code"] == CA_TYPE_SCHEME), None)
    if row is None:
        raise RuntimeError(f"{CA_TYPE_SCHEME} is not in {path}")
    m = re.search(r"One of ([^.]+)\.", row["Description"])
    if not m:
        raise RuntimeError(f"cannot read the {CA_TYPE_SCHEME} codes from {path}: {row['Description']!r}")
    return frozenset(c.strip() for c in m.group(1).split(","))


def required_codes_present() -> list[str]:
    """Problems with the copied codelists for the codes the UK2 shape uses (empty when fine)."""
    lists = codelists()
    want = [("releaseTag.csv", c) for c in FIRST_TAG + LATER_TAG] + [
        ("tenderStatus.csv", TENDER_STATUS), ("documentType.csv", DOCUMENT_TYPE),
        ("milestoneType.csv", MILESTONE_TYPE), ("itemClassificationScheme.csv", ITEM_SCHEME),
        ("itemClassificationScheme.csv", CA_TYPE_SCHEME), ("partyRole.csv", BUYER_ROLE),
        ("initiationType.csv", "tender")]
    out = [f"{code!r} is not in {name}" for name, code in want if code not in lists.get(name, Codelist(name, frozenset(), False, ())).codes]
    if not uk_ca_type_codes():
        out.append(f"no {CA_TYPE_SCHEME} codes")
    return out


# --------------------------------------------------------------------------------------------
# Closed codelists: where the merged schema declares them, and the data at those places

def _resolve(schema: dict, root: dict) -> dict:
    seen = set()
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/") or ref in seen:
            raise RuntimeError(f"cannot resolve $ref {ref!r} offline")
        seen.add(ref)
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def closed_codelist_fields(schema: dict | None = None) -> list[tuple[str, str]]:
    """(JSON pointer in the schema, codelist file) of every closed-codelist field, in
    `properties` and `definitions` alike."""
    schema = _release_schema() if schema is None else schema
    out: list[tuple[str, str]] = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            if "codelist" in node and node.get("openCodelist") is False:
                out.append((pointer, node["codelist"]))
            for key, value in node.items():
                walk(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{pointer}/{i}")

    walk(schema, "")
    return out


def _key_path(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(key)):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def codelist_issues(release: Any, path: str = "$", schema: dict | None = None,
                    lists: dict[str, Codelist] | None = None) -> list[Issue]:
    """Walks one release alongside the (merged) release schema, checking closed codelists."""
    root = _release_schema() if schema is None else schema
    lists = codelists() if lists is None else lists
    out: list[Issue] = []

    def check(value: Any, where: str, name: str) -> None:
        if not isinstance(value, str):
            return  # a wrong type is the schema layer's to report
        cl = lists.get(name)
        if cl is None or not cl.complete:
            out.append(Issue(where, f"closed codelist {name} is not available offline, so {value!r} cannot be checked", "codelist"))
        elif value not in cl.codes:
            shown = ", ".join(sorted(cl.codes)) if len(cl.codes) <= 20 else f"{len(cl.codes)} codes"
            out.append(Issue(where, f"{value!r} is not a code of the closed codelist {name} ({shown})", "codelist"))

    def walk(node: Any, data: Any, where: str) -> None:
        node = _resolve(node, root)
        if not isinstance(node, dict):
            return
        if "codelist" in node and node.get("openCodelist") is False:
            if isinstance(data, list):
                for i, item in enumerate(data):
                    check(item, _key_path(where, i), node["codelist"])
            else:
                check(data, where, node["codelist"])
        if isinstance(data, dict):
            props = node.get("properties", {})
            for key, value in data.items():
                if key in props:
                    walk(props[key], value, _key_path(where, key))
        elif isinstance(data, list) and isinstance(node.get("items"), dict):
            for i, item in enumerate(data):
                walk(node["items"], item, _key_path(where, i))

    walk(root, release, path)
    return out


# --------------------------------------------------------------------------------------------
# The schema layer

def _json_path(parts: Iterable[Any]) -> str:
    path = "$"
    for part in parts:
        path = _key_path(path, part)
    return path


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def schema_issues(package: Any) -> list[Issue]:
    errors = sorted(_package_validator().iter_errors(package), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    out = []
    for e in errors:
        message = e.message
        if e.validator == "format":
            message = f"{json.dumps(e.instance)} is not a valid {e.validator_value}" + (
                " (RFC 3339, with a UTC offset such as Z or +01:00)" if e.validator_value == "date-time" else "")
        elif e.validator == "uniqueItems":
            message = "has non-unique elements (uniqueItems)"
        out.append(Issue(_json_path(e.absolute_path), _short(message), "schema"))
    return out


# --------------------------------------------------------------------------------------------
# The UK2 shape

def _get(obj: Any, *keys: Any) -> Any:
    for key in keys:
        if isinstance(obj, dict):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and 0 <= key < len(obj):
            obj = obj[key]
        else:
            return None
    return obj


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def is_uk_extension_url(url: Any) -> bool:
    return isinstance(url, str) and UK_EXTENSION_NAME in url and url.endswith("/extension.json")


def shape_issues(package: Any, ocid_prefix: str = "ocds-") -> list[Issue]:
    """The UK2 shape. Package: `uri`, `publishedDate` (not before the newest release's date),
    `version` "1.1", `extensions` with the UK extension. Releases: unique `id`s, one `ocid` that
    starts with `ocid_prefix`, tags ["planning"] then ["planningUpdate"], `date`s ascending.
    Each release (a full version of the notice): `language` "en"; `tender` with `id`, `title`,
    `description`, `status` "planning", `items` each with a CPV `classification`; exactly one
    `planning.documents[]` of type marketEngagementNotice, with `noticeType` "UK2",
    `datePublished`, `url`, `description`; exactly one `planning.milestones[]` of type engagement,
    with `dueDate` and `status`; exactly one party with role buyer, identified in GB-LAE or
    GB-PPON, with a UK_CA_TYPE `details.classifications` entry from the UK extension's list;
    `buyer.id` (and `buyer.name`, if given) that party's."""
    out: list[Issue] = []

    def bad(path: str, message: str) -> None:
        out.append(Issue(path, message, "uk2"))

    if not isinstance(package, dict):
        bad("$", "a release package must be a JSON object")
        return out
    if not _text(package.get("uri")):
        bad("$.uri", "the package must have a uri")
    if not _text(package.get("publishedDate")):
        bad("$.publishedDate", "the package must have a publishedDate")
    if package.get("version") != OCDS_VERSION:
        bad("$.version", f"must be {OCDS_VERSION!r}, found {package.get('version')!r}")
    extensions = package.get("extensions")
    if not isinstance(extensions, list) or not any(is_uk_extension_url(u) for u in extensions):
        bad("$.extensions", f"must list the UK extension's extension.json (a URL containing {UK_EXTENSION_NAME!r}, "
                            f"such as {UK_EXTENSION_URL}), found {json.dumps(extensions)}")

    releases = package.get("releases")
    if not isinstance(releases, list) or not releases:
        bad("$.releases", "the package must have at least one release")
        return out

    seen_ids: dict[Any, int] = {}
    ocids = set()
    previous: tuple[int, datetime] | None = None
    for i, release in enumerate(releases):
        rp = f"$.releases[{i}]"
        if not isinstance(release, dict):
            bad(rp, "a release must be a JSON object")
            continue
        rid = release.get("id")
        if rid in seen_ids:
            bad(f"{rp}.id", f"duplicate release id {rid!r} (also $.releases[{seen_ids[rid]}].id)")
        elif rid is not None:
            seen_ids[rid] = i
        ocid = release.get("ocid")
        ocids.add(ocid if isinstance(ocid, str) else json.dumps(ocid))
        if not (isinstance(ocid, str) and ocid.startswith(ocid_prefix) and len(ocid) > len(ocid_prefix)):
            bad(f"{rp}.ocid", f"must be the prefix {ocid_prefix!r} followed by a local id, found {ocid!r}")
        want_tag = FIRST_TAG if i == 0 else LATER_TAG
        if release.get("tag") != want_tag:
            which = "the first release" if i == 0 else "every release after the first"
            bad(f"{rp}.tag", f"{which} must be tagged {json.dumps(want_tag)}, found {json.dumps(release.get('tag'))}")
        when = _date(release.get("date"))
        if when is not None:
            if previous is not None and when < previous[1]:
                bad(f"{rp}.date", f"releases must be in date order, oldest first: {release.get('date')} is before "
                                  f"$.releases[{previous[0]}].date {releases[previous[0]].get('date')}")
            previous = (i, when)
        if release.get("language") != LANGUAGE:
            bad(f"{rp}.language", f"must be {LANGUAGE!r}, found {release.get('language')!r}")
        _release_shape(release, rp, bad)

    if len(ocids) > 1:
        bad("$.releases", f"every release must have the same ocid, found {sorted(ocids)}")
    newest = max((d for d in (_date(_get(r, "date")) for r in releases) if d), default=None)
    published = _date(package.get("publishedDate"))
    if newest is not None and published is not None and published < newest:
        bad("$.publishedDate", f"{package.get('publishedDate')} is before the newest release's date")
    return out


def _release_shape(release: dict, rp: str, bad) -> None:
    tender = release.get("tender")
    if not isinstance(tender, dict):
        bad(f"{rp}.tender", "each release must have a tender object")
        tender = {}
    for key in ("id", "title", "description"):
        if not _text(tender.get(key)):
            bad(f"{rp}.tender.{key}", f"tender.{key} must be a non-empty string")
    if tender.get("status") != TENDER_STATUS:
        bad(f"{rp}.tender.status", f"must be {TENDER_STATUS!r}, found {tender.get('status')!r}")
    items = tender.get("items")
    if not isinstance(items, list) or not items:
        bad(f"{rp}.tender.items", "must list at least one item")
    for j, item in enumerate(_list(items)):
        ip = f"{rp}.tender.items[{j}]"
        cls = _get(item, "classification")
        if not isinstance(cls, dict):
            bad(f"{ip}.classification", f"each item must have a {ITEM_SCHEME} classification")
            continue
        if cls.get("scheme") != ITEM_SCHEME:
            bad(f"{ip}.classification.scheme", f"must be {ITEM_SCHEME!r}, found {cls.get('scheme')!r}")
        if not (isinstance(cls.get("id"), str) and CPV_ID.match(cls["id"])):
            bad(f"{ip}.classification.id", f"must be a CPV code such as 79211000-6, found {cls.get('id')!r}")

    for where in ((), ("planning",), ("tender",)):
        if isinstance(_get(release, *where), dict) and "noticeType" in _get(release, *where):
            bad(rp + "".join(f".{w}" for w in where) + ".noticeType",
                "noticeType belongs on planning.documents[] (the UK extension's Document.noticeType)")

    planning = release.get("planning")
    if not isinstance(planning, dict):
        bad(f"{rp}.planning", "each release must have a planning object")
        planning = {}
    docs = [(k, d) for k, d in enumerate(_list(planning.get("documents")))
            if isinstance(d, dict) and d.get("documentType") == DOCUMENT_TYPE]
    if len(docs) != 1:
        bad(f"{rp}.planning.documents", f"must have exactly one document with documentType {DOCUMENT_TYPE!r}, found {len(docs)}")
    for k, doc in docs:
        dp = f"{rp}.planning.documents[{k}]"
        if doc.get("noticeType") != NOTICE_TYPE:
            bad(f"{dp}.noticeType", f"the {DOCUMENT_TYPE} document must have noticeType {NOTICE_TYPE!r}, found {doc.get('noticeType')!r}")
        for key in ("datePublished", "url", "description"):
            if not _text(doc.get(key)):
                bad(f"{dp}.{key}", f"the {DOCUMENT_TYPE} document must have a {key}")

    milestones = [(k, m) for k, m in enumerate(_list(planning.get("milestones")))
                  if isinstance(m, dict) and m.get("type") == MILESTONE_TYPE]
    if len(milestones) != 1:
        untyped = [k for k, m in enumerate(_list(planning.get("milestones"))) if isinstance(m, dict) and m.get("type") is None]
        hint = f" (planning.milestones{untyped} ha{'s' if len(untyped) == 1 else 've'} no type)" if untyped else ""
        bad(f"{rp}.planning.milestones", f"must have exactly one milestone with type {MILESTONE_TYPE!r}, found {len(milestones)}{hint}")
    for k, m in milestones:
        for key in ("dueDate", "status"):
            if not _text(m.get(key)):
                bad(f"{rp}.planning.milestones[{k}].{key}", f"the {MILESTONE_TYPE} milestone must have a {key}")

    parties = _list(release.get("parties"))
    ids: dict[Any, int] = {}
    for k, party in enumerate(parties):
        pid = _get(party, "id")
        if pid in ids:
            bad(f"{rp}.parties[{k}].id", f"duplicate party id {pid!r} (also parties[{ids[pid]}])")
        elif pid is not None:
            ids[pid] = k
    buyers = [(k, p) for k, p in enumerate(parties) if isinstance(p, dict) and BUYER_ROLE in _list(p.get("roles"))]
    if len(buyers) != 1:
        bad(f"{rp}.parties", f"must have exactly one party whose roles include {BUYER_ROLE!r}, found {len(buyers)}")
    for k, party in buyers:
        pp = f"{rp}.parties[{k}]"
        ident = party.get("identifier")
        if _get(ident, "scheme") not in BUYER_ID_SCHEMES or not _text(_get(ident, "id")):
            bad(f"{pp}.identifier", f"the buyer must have an identifier with scheme {' or '.join(BUYER_ID_SCHEMES)} "
                                   f"and an id, found {json.dumps(ident)}")
        classes = [c for c in _list(_get(party, "details", "classifications")) if _get(c, "scheme") == CA_TYPE_SCHEME]
        if not classes:
            bad(f"{pp}.details.classifications", f"the buyer must have a classification with scheme {CA_TYPE_SCHEME!r}")
        codes = uk_ca_type_codes()
        for c in classes:
            if c.get("id") not in codes:
                bad(f"{pp}.details.classifications", f"{CA_TYPE_SCHEME} id {c.get('id')!r} is not one of {', '.join(sorted(codes))}")
        if _get(release, "buyer", "id") != party.get("id"):
            bad(f"{rp}.buyer.id", f"must be the buyer party's id {party.get('id')!r}, found {_get(release, 'buyer', 'id')!r}")
        name = _get(release, "buyer", "name")
        if name is not None and name != party.get("name"):
            bad(f"{rp}.buyer.name", f"must be the buyer party's name {party.get('name')!r}, found {name!r}")


# --------------------------------------------------------------------------------------------
# Everything together

def validate_package(package: Any, ocid_prefix: str = "ocds-") -> list[Issue]:
    """All issues with a release package: schema, then closed codelists, then the UK2 shape."""
    problems = required_codes_present()
    if problems:
        raise RuntimeError("the copied codelists lack codes the UK2 shape uses: " + "; ".join(problems))
    out = schema_issues(package)
    for i, release in enumerate(_list(_get(package, "releases"))):
        out += codelist_issues(release, f"$.releases[{i}]")
    out += shape_issues(package, ocid_prefix)
    return out


def summary(name: str, package: Any, issues: list[Issue]) -> str:
    releases = _list(_get(package, "releases"))
    ocid = _get(releases, 0, "ocid")
    state = "OK  " if not issues else "FAIL"
    return f"{state} {name}: {len(releases)} release(s), ocid {ocid}, {len(issues)} error(s)"


def _report(name: str, package: Any, issues: list[Issue], out) -> bool:
    for issue in issues:
        print(f"  {issue}", file=out)
    print(summary(name, package, issues), file=out)
    return not issues


def _fetch_json(url: str, token: str | None, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def _validate_url(base: str, token: str | None, prefix: str, timeout: float, allow_empty: bool, out) -> bool:
    base = base.rstrip("/")
    listing = f"{base}/api/v1/exercises"
    try:
        exercises = _fetch_json(listing, token, timeout)
    except (urllib.error.URLError, OSError, ValueError) as e:
        print(f"FAIL {listing}: {e}", file=out)
        return False
    if not isinstance(exercises, list):
        print(f"FAIL {listing}: expected a JSON array, got {type(exercises).__name__}", file=out)
        return False
    ok, checked = True, 0
    for ex in exercises:
        if not isinstance(ex, dict) or "id" not in ex:
            print(f"FAIL {listing}: an entry without an id: {_short(json.dumps(ex), 120)}", file=out)
            ok = False
            continue
        if ex.get("stage") == "draft":
            continue
        url = f"{base}/api/v1/exercises/{urllib.parse.quote(str(ex['id']), safe='')}/ocds"
        name = f"{url} ({ex.get('reference', ex['id'])}, {ex.get('stage')})"
        checked += 1
        try:
            package = _fetch_json(url, token, timeout)
        except urllib.error.HTTPError as e:
            print(f"FAIL {name}: HTTP {e.code}", file=out)
            ok = False
            continue
        except (urllib.error.URLError, OSError, ValueError) as e:
            print(f"FAIL {name}: {e}", file=out)
            ok = False
            continue
        ok = _report(name, package, validate_package(package, prefix), out) and ok
    if checked == 0 and not allow_empty:
        print(f"FAIL {listing}: no exercise other than drafts to validate (pass --allow-empty to accept that)", file=out)
        ok = False
    print(f"ocds: {checked} package(s) from {base}, {'all valid' if ok else 'errors found'}", file=out)
    return ok


def main(argv: list[str] | None = None, out=None) -> int:
    out = sys.stdout if out is None else out
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE", help="release package JSON files ('-' for stdin)")
    parser.add_argument("--url", help="base URL of a running server: validates /api/v1/exercises/{id}/ocds "
                                      "for every exercise listed by /api/v1/exercises whose stage is not draft")
    parser.add_argument("--token", help="API token, sent as 'Authorization: Bearer TOKEN' (with --url)")
    parser.add_argument("--ocid-prefix", default="ocds-", help="every ocid must start with this (default: ocds-)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per HTTP request (default 30)")
    parser.add_argument("--allow-empty", action="store_true",
                        help="with --url, succeed when there is no exercise to validate (default: that fails)")
    parser.add_argument("--list-closed-codelists", action="store_true",
                        help="print where the merged release schema declares closed codelists, and exit")
    args = parser.parse_args(argv)

    if args.list_closed_codelists:
        lists = codelists()
        for pointer, name in closed_codelist_fields():
            cl = lists.get(name)
            state = "missing" if cl is None else (f"{len(cl.codes)} codes from {' + '.join(cl.sources)}"
                                                  + ("" if cl.complete else " (additions only: base list missing)"))
            print(f"{pointer}: {name}: {state}", file=out)
        return 0
    if bool(args.files) == bool(args.url):
        parser.error("give FILE... or --url BASE_URL (not both)")
    if args.token and not args.url:
        parser.error("--token goes with --url")

    if args.url:
        return 0 if _validate_url(args.url, args.token, args.ocid_prefix, args.timeout, args.allow_empty, out) else 1

    ok = True
    for name in args.files:
        try:
            if name == "-":
                package = json.load(sys.stdin)
            else:
                with open(name, encoding="utf-8") as f:
                    package = json.load(f)
        except (OSError, ValueError) as e:
            print(f"FAIL {name}: cannot read JSON: {e}", file=out)
            ok = False
            continue
        ok = _report(name, package, validate_package(package, args.ocid_prefix), out) and ok
    print(f"ocds: {len(args.files)} package(s), {'all valid' if ok else 'errors found'}", file=out)
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:  # the copied schemas or codelists, or the installed packages, are not usable
        sys.exit(f"ocds: cannot validate: {e}")
