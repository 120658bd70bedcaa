"""`taskdeck aws-init` against the session's moto server: every named resource is created
with the properties the app relies on, a second run changes nothing, nothing unnamed is
touched, and AWS errors are one line and exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from taskdeck.cli import main
from taskdeck.provision.clients import explain
from tests.system.server import free_port

TASKDECK_BIN = str(Path(sys.executable).parent / "taskdeck")
PUBLIC_URL = "https://tasks.example.com/app/"


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def names() -> dict[str, str]:
    """Fresh resource names for one test."""
    return {
        "table": _name("taskdeck"),
        "bucket": _name("taskdeck"),
        "topic": _name("taskdeck"),
        "user_pool": _name("taskdeck"),
    }


@pytest.fixture
def environment(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """No TASKDECK_ variable from outside the test; the moto server's AWS variables."""
    for variable in [v for v in os.environ if v.startswith("TASKDECK_")]:
        monkeypatch.delenv(variable)
    monkeypatch.setenv("TASKDECK_PUBLIC_URL", PUBLIC_URL)


def aws_init(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], **named: str
) -> str:
    """Run `taskdeck aws-init` with these TASKDECK_ names; its output (it must succeed)."""
    with monkeypatch.context() as patch:
        for setting, value in named.items():
            patch.setenv(f"TASKDECK_{setting.upper()}", value)
        main(["aws-init"])
    return capsys.readouterr().out


def client(service: str) -> Any:
    """A boto3 client on the moto server, for checking what aws-init made."""
    return boto3.session.Session().client(service)


def exports(output: str) -> dict[str, str]:
    """The `NAME=value` lines of aws-init's output."""
    return dict(line.split("=", 1) for line in output.splitlines() if "=" in line)


def _pool_id(name: str) -> str | None:
    pools = client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
    found = [pool["Id"] for pool in pools if pool["Name"] == name]
    assert len(found) <= 1
    return found[0] if found else None


def _bucket_exists(name: str) -> bool:
    try:
        client("s3").head_bucket(Bucket=name)
    except ClientError:
        return False
    return True


def _table_exists(name: str) -> bool:
    try:
        client("dynamodb").describe_table(TableName=name)
    except ClientError:
        return False
    return True


@pytest.mark.usefixtures("environment")
def test_every_named_resource_is_created_with_its_properties(
    names: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = aws_init(monkeypatch, capsys, **names)

    for kind in ("DynamoDB table", "S3 bucket", "SNS topic", "Cognito user pool"):
        assert f"{kind} " in output
    assert output.count(": created") == 5  # with the app client
    dynamodb = client("dynamodb")
    table = dynamodb.describe_table(TableName=names["table"])["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["StreamSpecification"] == {
        "StreamEnabled": True,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    assert {index["IndexName"] for index in table["GlobalSecondaryIndexes"]} == {
        "gsi1",
        "gsi2",
        "gsi3",
    }
    backups = dynamodb.describe_continuous_backups(TableName=names["table"])
    recovery = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert recovery["PointInTimeRecoveryStatus"] == "ENABLED"
    ttl = dynamodb.describe_time_to_live(TableName=names["table"])["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at_epoch"}

    s3 = client("s3")
    block = s3.get_public_access_block(Bucket=names["bucket"])
    assert all(block["PublicAccessBlockConfiguration"].values())
    assert len(block["PublicAccessBlockConfiguration"]) == 4
    assert s3.get_bucket_versioning(Bucket=names["bucket"])["Status"] == "Enabled"
    rules = s3.get_bucket_encryption(Bucket=names["bucket"])["ServerSideEncryptionConfiguration"]
    assert rules["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    (cors,) = s3.get_bucket_cors(Bucket=names["bucket"])["CORSRules"]
    assert cors["AllowedOrigins"] == ["https://tasks.example.com"]
    assert sorted(cors["AllowedMethods"]) == ["GET", "POST", "PUT"]
    (lifecycle,) = s3.get_bucket_lifecycle_configuration(Bucket=names["bucket"])["Rules"]
    assert lifecycle["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 1
    assert lifecycle["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30

    arns = [topic["TopicArn"] for topic in client("sns").list_topics()["Topics"]]
    topic_arn = exports(output)["TASKDECK_TOPIC_ARN"]
    assert topic_arn in arns
    assert topic_arn.endswith(f":{names['topic']}")

    cognito = client("cognito-idp")
    pool_id = exports(output)["TASKDECK_USER_POOL_ID"]
    assert pool_id == _pool_id(names["user_pool"])
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    app_client = cognito.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=exports(output)["TASKDECK_USER_POOL_CLIENT_ID"]
    )["UserPoolClient"]
    assert app_client["ClientName"] == "taskdeck-web"
    assert "ClientSecret" not in app_client
    assert set(app_client["ExplicitAuthFlows"]) == {
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
    }


@pytest.mark.usefixtures("environment")
def test_a_second_run_changes_nothing_and_says_so(
    names: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = aws_init(monkeypatch, capsys, **names)
    second = aws_init(monkeypatch, capsys, **names)

    assert "done: resources created or updated" in first
    resource_lines = [line for line in second.splitlines() if ": " in line and "=" not in line]
    assert len(resource_lines) == 6  # five resources and the summary
    assert all("already there, nothing changed" in line for line in resource_lines[:-1])
    assert resource_lines[-1] == "done: nothing changed"
    assert exports(second) == exports(first)
    assert _pool_id(names["user_pool"]) == exports(first)["TASKDECK_USER_POOL_ID"]
    clients = client("cognito-idp").list_user_pool_clients(
        UserPoolId=exports(first)["TASKDECK_USER_POOL_ID"], MaxResults=60
    )["UserPoolClients"]
    assert len(clients) == 1


@pytest.mark.usefixtures("environment")
def test_an_existing_table_gets_only_what_it_lacks(
    dynamodb_table: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = aws_init(monkeypatch, capsys, table=dynamodb_table)

    assert (
        f"DynamoDB table {dynamodb_table}: already there; "
        "updated point-in-time recovery, TTL on expires_at_epoch"
    ) in output
    ttl = client("dynamodb").describe_time_to_live(TableName=dynamodb_table)
    assert ttl["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"


@pytest.mark.usefixtures("environment")
def test_only_the_named_resources_are_created(
    names: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = aws_init(monkeypatch, capsys, bucket=names["bucket"], topic=names["topic"])

    assert "DynamoDB" not in output
    assert "Cognito" not in output
    assert _bucket_exists(names["bucket"])
    assert not _table_exists(names["table"])
    assert _pool_id(names["user_pool"]) is None


@pytest.mark.usefixtures("environment")
def test_nothing_named_is_said_and_succeeds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = aws_init(monkeypatch, capsys)

    assert "nothing to create" in output
    assert "TASKDECK_TABLE" in output


@pytest.mark.usefixtures("environment")
def test_a_bucket_outside_us_east_1_is_created_in_its_region(
    names: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    aws_init(monkeypatch, capsys, bucket=names["bucket"])

    location = client("s3").get_bucket_location(Bucket=names["bucket"])
    assert location["LocationConstraint"] == "eu-west-1"


def _run_aws_init(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TASKDECK_BIN, "aws-init"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def _base_environment(names: dict[str, str]) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TASKDECK_")}
    environment.update({"TASKDECK_TABLE": names["table"], "TASKDECK_BUCKET": names["bucket"]})
    return environment


@pytest.mark.usefixtures("moto_endpoint")
def test_an_unreachable_endpoint_is_one_line_and_exit_1(names: dict[str, str]) -> None:
    environment = _base_environment(names)
    environment["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{free_port()}"

    result = _run_aws_init(environment)

    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("taskdeck aws-init: AWS could not be reached:")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.usefixtures("moto_endpoint")
def test_missing_credentials_are_one_line_and_exit_1(names: dict[str, str]) -> None:
    environment = _base_environment(names)
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        environment.pop(variable, None)
    environment.update(
        {
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
            "AWS_CONFIG_FILE": "/nonexistent/config",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )

    result = _run_aws_init(environment)

    assert result.returncode == 1
    assert result.stderr == (
        "taskdeck aws-init: no AWS credentials found: "
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n"
    )
    assert not _table_exists(names["table"])


@pytest.mark.parametrize(
    "code", ["AccessDenied", "UnrecognizedClientException", "InvalidClientTokenId"]
)
def test_refused_credentials_are_explained_in_one_line(code: str) -> None:
    # moto accepts any key, so the refusal AWS would send is built here.
    error = ClientError(
        {"Error": {"Code": code, "Message": "The security token\nincluded is invalid."}},
        "CreateTable",
    )

    message = explain(error)

    assert message == (
        f"AWS refused CreateTable ({code}): check the credentials and their permissions"
    )
