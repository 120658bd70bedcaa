"""infra/template.yaml agrees with the code it deploys: the table, the bucket and the user
pool are what `taskdeck aws-init` makes, the handlers are the entry points
`taskdeck.aws` names, the API's operations are public or protected at the gateway as
they are in the app, and the functions' settings are settings Taskdeck has."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import taskdeck.aws
from bench.coldstart import LAMBDA_ENVIRONMENT
from taskdeck.adapters.identity.cognito import REFRESH_TTL_SECONDS
from taskdeck.adapters.storage.dynamodb_schema import TTL_ATTRIBUTE, create_table
from taskdeck.config import Settings
from taskdeck.provision.bucket import ENCRYPTION, LIFECYCLE, PRIVATE, cors_rules
from taskdeck.provision.user_pool import AUTH_FLOWS, CLIENT_NAME, PASSWORD_MIN_LENGTH
from tests.infra.cloudformation import get_att, http_api_routes, resources

ROOT = Path(__file__).resolve().parents[2]
WEB_ORIGIN = "https://web.example.com"
# Stand-ins for what CloudFormation fills in at deployment, to check the settings with.
DEPLOYED = {
    "TASKDECK_TABLE": "taskdeck-prod",
    "TASKDECK_BUCKET": "taskdeck-prod-files-123456789012-eu-west-1",
    "TASKDECK_USER_POOL_ID": "eu-west-1_AbCdEf123",
    "TASKDECK_USER_POOL_CLIENT_ID": "4abcdefghijklmnopqrstuvwx1",
    "TASKDECK_TOPIC_ARN": "arn:aws:sns:eu-west-1:123456789012:taskdeck-prod-notifications",
    "TASKDECK_PUBLIC_URL": "https://d111111abcdef8.cloudfront.net",
}


class _RecordingDynamoDB:
    """Stands in for boto3's client to capture the table `aws-init` creates."""

    def __init__(self) -> None:
        self.created: dict[str, Any] = {}

    def create_table(self, **request: Any) -> None:
        self.created = request

    def get_waiter(self, name: str) -> _RecordingDynamoDB:
        return self

    def wait(self, **request: Any) -> None:
        return None


def _table_aws_init_creates() -> dict[str, Any]:
    client = _RecordingDynamoDB()
    create_table(client, "taskdeck")  # type: ignore[arg-type]
    return client.created


def _by_name(items: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return {item[key]: item for item in items}


def test_the_table_is_the_one_aws_init_creates(source: dict[str, Any]) -> None:
    table = resources(source, "AWS::DynamoDB::Table")["Table"]
    expected = _table_aws_init_creates()
    assert _by_name(table["AttributeDefinitions"], "AttributeName") == _by_name(
        expected["AttributeDefinitions"], "AttributeName"
    )
    assert table["KeySchema"] == expected["KeySchema"]
    assert _by_name(table["GlobalSecondaryIndexes"], "IndexName") == _by_name(
        expected["GlobalSecondaryIndexes"], "IndexName"
    )
    assert table["BillingMode"] == expected["BillingMode"]
    view = expected["StreamSpecification"]["StreamViewType"]
    assert table["StreamSpecification"] == {"StreamViewType": view}
    # What aws-init turns on after creating it.
    assert table["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert table["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}


def _cors_in_cloudformation(rule: dict[str, Any]) -> dict[str, Any]:
    """An S3 API CORS rule with CloudFormation's names for its parts."""
    names = {"ExposeHeaders": "ExposedHeaders", "MaxAgeSeconds": "MaxAge"}
    return {names.get(key, key): value for key, value in rule.items()}


def _lifecycle_in_cloudformation(rule: dict[str, Any]) -> dict[str, Any]:
    """An S3 API lifecycle rule with CloudFormation's names for its parts."""
    converted = {key: value for key, value in rule.items() if key not in ("ID", "Filter")}
    return {"Id": rule["ID"], "Prefix": rule["Filter"]["Prefix"], **converted}


def test_the_buckets_are_private_and_encrypted(source: dict[str, Any]) -> None:
    buckets = resources(source, "AWS::S3::Bucket")
    assert set(buckets) == {"AttachmentsBucket", "WebBucket"}
    for name, bucket in buckets.items():
        assert bucket["PublicAccessBlockConfiguration"] == PRIVATE, name
        assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
        (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        (expected,) = ENCRYPTION["Rules"]
        assert (
            rule["ServerSideEncryptionByDefault"] == expected["ApplyServerSideEncryptionByDefault"]
        ), name
        assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}, name


def test_the_attachments_bucket_is_the_one_aws_init_configures(
    source: dict[str, Any],
) -> None:
    bucket = resources(source, "AWS::S3::Bucket")["AttachmentsBucket"]
    (rule,) = bucket["CorsConfiguration"]["CorsRules"]
    (expected,) = cors_rules(WEB_ORIGIN)
    assert rule["AllowedOrigins"] == [{"Fn::Sub": "https://${WebDistribution.DomainName}"}]
    assert {**rule, "AllowedOrigins": [WEB_ORIGIN]} == _cors_in_cloudformation(expected)
    lifecycle = bucket["LifecycleConfiguration"]["Rules"]
    assert lifecycle == [_lifecycle_in_cloudformation(LIFECYCLE)]
    # The functions name it rather than refer to it (a cycle otherwise): the same name.
    environment = source["Globals"]["Function"]["Environment"]["Variables"]
    assert environment["TASKDECK_BUCKET"] == bucket["BucketName"]


def test_only_cloudfront_reads_the_web_bucket(source: dict[str, Any]) -> None:
    policy = resources(source, "AWS::S3::BucketPolicy")["WebBucketPolicy"]["PolicyDocument"]
    allowed = [s for s in policy["Statement"] if s["Effect"] == "Allow"]
    assert allowed == [
        {
            "Sid": "CloudFrontReads",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": {"Fn::Sub": "${WebBucket.Arn}/*"},
            "Condition": {
                "StringEquals": {
                    "AWS:SourceArn": {
                        "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}"
                        ":distribution/${WebDistribution}"
                    }
                }
            },
        }
    ]


def test_cloudfront_serves_the_app_and_passes_api_calls_through(
    source: dict[str, Any],
) -> None:
    distribution = resources(source, "AWS::CloudFront::Distribution")["WebDistribution"]
    config = distribution["DistributionConfig"]
    origins = _by_name(config["Origins"], "Id")
    assert origins["web"]["OriginAccessControlId"] == get_att("WebOriginAccessControl", "Id")
    assert origins["api"]["DomainName"] == {
        "Fn::Sub": "${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
    }
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == "web"
    (api,) = config["CacheBehaviors"]
    assert api["PathPattern"] == "/api/*"
    assert api["TargetOriginId"] == "api"
    assert api["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # CachingDisabled
    # AllViewerExceptHostHeader: Authorization and cookies reach the API, Host does not.
    assert api["OriginRequestPolicyId"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac"
    # Error pages would replace the API's own 403 and 404 answers with the app's page.
    assert "CustomErrorResponses" not in config


def test_the_user_pool_and_client_are_the_ones_aws_init_creates(
    source: dict[str, Any],
) -> None:
    pool = resources(source, "AWS::Cognito::UserPool")["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == PASSWORD_MIN_LENGTH
    client = resources(source, "AWS::Cognito::UserPoolClient")["UserPoolClient"]
    assert client["ClientName"] == CLIENT_NAME
    assert client["ExplicitAuthFlows"] == AUTH_FLOWS
    assert client["GenerateSecret"] is False
    assert client["EnableTokenRevocation"] is True  # sign-out is RevokeToken
    assert client["TokenValidityUnits"]["RefreshToken"] == "days"
    assert client["RefreshTokenValidity"] * 86_400 == REFRESH_TTL_SECONDS


def _entry_points() -> set[str]:
    """The handlers `taskdeck/aws/__init__.py` says the template names."""
    return set(re.findall(r"`(taskdeck\.aws\.\w+\.handler)`", taskdeck.aws.__doc__ or ""))


def test_the_functions_run_the_entry_points_on_the_projects_python(
    source: dict[str, Any],
) -> None:
    functions = resources(source, "AWS::Serverless::Function")
    assert {function["Handler"] for function in functions.values()} == _entry_points()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    minor = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", requires)
    assert minor is not None, requires
    assert int(minor[2]) == int(minor[1]) + 1, "requires-python allows one version"
    function_globals = source["Globals"]["Function"]
    assert function_globals["Runtime"] == f"python3.{minor[1]}"
    assert function_globals["Architectures"] == ["arm64"]


def _settings_of(variables: dict[str, Any]) -> dict[str, Any]:
    """A function's TASKDECK_ variables, with stand-ins for what CloudFormation fills in."""
    return {
        name: DEPLOYED[name] if isinstance(value, dict) else value
        for name, value in variables.items()
        if name.startswith("TASKDECK_")
    }


def test_every_function_gets_valid_taskdeck_settings(
    source: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    common = source["Globals"]["Function"]["Environment"]["Variables"]
    for name, function in resources(source, "AWS::Serverless::Function").items():
        own = function.get("Environment", {}).get("Variables", {})
        variables = _settings_of({**common, **own})
        fields = {variable.removeprefix("TASKDECK_").lower() for variable in variables}
        assert fields <= set(Settings.model_fields), f"{name}: no such setting"
        for variable in os.environ:
            if variable.startswith("TASKDECK_"):
                monkeypatch.delenv(variable)
        for variable, value in variables.items():
            monkeypatch.setenv(variable, value)
        settings = Settings()  # raises on an invalid value or combination
        assert settings.storage_adapter == "dynamodb", name
        assert settings.blob_adapter == "s3", name
        assert settings.identity_adapter == "cognito", name
        assert settings.notify_adapter == "sns", name
        assert settings.background == "process", name


def test_the_cold_start_bench_imports_with_the_api_functions_environment(
    source: dict[str, Any],
) -> None:
    """`make bench` times the import under the variables the template gives the API
    function: the same names, and the same values where the template writes them out."""
    common = source["Globals"]["Function"]["Environment"]["Variables"]
    own = resources(source, "AWS::Serverless::Function")["ApiFunction"].get("Environment", {})
    variables = {**common, **own.get("Variables", {})}
    assert set(variables) <= set(LAMBDA_ENVIRONMENT)
    for name, value in variables.items():
        if not isinstance(value, dict):  # a !Ref or !Sub stands for a deployed name
            assert LAMBDA_ENVIRONMENT[name] == value, name


def test_every_api_operation_is_public_or_protected_as_in_the_app(
    translated: dict[str, Any],
) -> None:
    """Each operation of the committed OpenAPI document goes through the gateway route
    that HTTP API would pick, and that route needs a token exactly when the app does."""
    routes = http_api_routes(translated)
    document = json.loads((ROOT / "web" / "openapi.json").read_text())
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            route = _gateway_route(path, method, routes)
            needs_token = bool(operation.get("security"))
            assert routes[route] == (["CognitoJwt"] if needs_token else ["NONE"]), (
                f"{method.upper()} {path} goes to {route}"
            )


def _gateway_route(
    path: str, method: str, routes: dict[tuple[str, str], list[str]]
) -> tuple[str, str]:
    """The route HTTP API picks for a request: an exact path first, then the greedy
    `{proxy+}` route with the longest prefix; a route's own method before ANY."""
    segments = path.strip("/").split("/")
    candidates = []
    for route_path, route_method in routes:
        if route_method not in (method, "any"):
            continue
        parts = route_path.strip("/").split("/")
        if parts[-1] == "{proxy+}":
            prefix = parts[:-1]
            if len(segments) > len(prefix) and _same(segments[: len(prefix)], prefix):
                candidates.append(((0, len(prefix), route_method != "any"), route_path))
        elif len(parts) == len(segments) and _same(segments, parts):
            candidates.append(((1, len(parts), route_method != "any"), route_path))
    assert candidates, f"no gateway route for {method.upper()} {path}"
    rank, route_path = max(candidates)
    return route_path, method if rank[2] else "any"


def _same(request: list[str], route: list[str]) -> bool:
    """Whether path segments match, a route's `{parameter}` matching any one segment."""
    return all(
        part == segment or (part.startswith("{") and not part.endswith("+}"))
        for segment, part in zip(request, route, strict=True)
    )
