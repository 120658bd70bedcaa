"""Reading infra/template.yaml offline: its YAML with CloudFormation's tags, the SAM
translation to plain CloudFormation (no AWS call), and helpers to walk the result."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode.cfn_yaml import load
from samtranslator.translator.transform import transform

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
REGION = "eu-west-1"
PLACEHOLDER_CODE = "s3://placeholder-bucket/taskdeck-lambda.zip"
"""The translator wants code in S3; `sam deploy` uploads the local CodeUri there."""


class NoManagedPolicies:
    """The translator's managed-policy loader, without the IAM call: the template names
    no managed policy (a test checks it), so there is nothing to look up."""

    def load(self) -> dict[str, str]:
        """AWS's managed policies by name: none needed."""
        return {}


def source_template() -> dict[str, Any]:
    """The template as written, `!Ref` and friends turned into their JSON forms."""
    # cfn-lint's loader gives dict and str subclasses that carry line numbers; plain
    # JSON values are what the translator and the assertions expect.
    loaded: dict[str, Any] = json.loads(json.dumps(load(str(TEMPLATE))))
    return loaded


def translated_template(source: dict[str, Any]) -> dict[str, Any]:
    """The template as CloudFormation receives it after the SAM transform."""
    template = copy.deepcopy(source)
    template["Globals"]["Function"]["CodeUri"] = PLACEHOLDER_CODE
    for resource in template["Resources"].values():
        if "CodeUri" in resource.get("Properties", {}):
            resource["Properties"]["CodeUri"] = PLACEHOLDER_CODE
    with pytest.MonkeyPatch.context() as patch:
        # The translator builds ARNs for the region it runs in, and refuses to guess one.
        patch.setenv("AWS_DEFAULT_REGION", REGION)
        output: dict[str, Any] = transform(template, {}, NoManagedPolicies())
    return json.loads(json.dumps(output))


def resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """The properties of every resource of one type, by logical id."""
    return {
        name: resource.get("Properties", {})
        for name, resource in template["Resources"].items()
        if resource["Type"] == kind
    }


def http_api_routes(template: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """(path, method) -> the authorizers of each route of the HTTP API (`NONE`: none);
    the method is lower case, `any` for ANY."""
    paths = template["Resources"]["HttpApi"]["Properties"]["Body"]["paths"]
    return {
        (path, method.replace("x-amazon-apigateway-any-method", "any")): [
            name for requirement in operation.get("security", []) for name in requirement
        ]
        for path, methods in paths.items()
        for method, operation in methods.items()
    }


def as_list(value: Any) -> list[Any]:
    """A policy element that may be one value or a list, as a list."""
    return value if isinstance(value, list) else [value]


def policy_statements(role: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every statement of a role's inline policies."""
    for policy in role.get("Policies", []):
        yield from as_list(policy["PolicyDocument"]["Statement"])


def allows(role: dict[str, Any], action: str, resource: Any) -> bool:
    """Whether one of the role's statements allows `action` on `resource` (as written)."""
    return any(
        statement["Effect"] == "Allow"
        and action in as_list(statement["Action"])
        and resource in as_list(statement["Resource"])
        for statement in policy_statements(role)
    )


def ref(name: str) -> dict[str, str]:
    """`!Ref name` as the template holds it."""
    return {"Ref": name}


def get_att(name: str, attribute: str) -> dict[str, list[str]]:
    """`!GetAtt name.attribute` as the template holds it."""
    return {"Fn::GetAtt": [name, attribute]}
