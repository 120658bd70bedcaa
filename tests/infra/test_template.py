"""infra/template.yaml, checked offline: the SAM translator turns it into plain
CloudFormation, cfn-lint finds nothing in that, and what keeps the deployment running
and safe is there (logs, alarms, the authorizer, the stream's wiring, narrow IAM)."""

from __future__ import annotations

import json
from typing import Any

from cfnlint.api import lint
from cfnlint.config import ManualArgs

from taskdeck.adapters.identity.cognito_tokens import issuer_of
from tests.infra.cloudformation import (
    allows,
    as_list,
    get_att,
    http_api_routes,
    policy_statements,
    ref,
    resources,
)

LINT_REGIONS = ["eu-west-1", "us-east-1"]

IGNORED_RULES: dict[str, str] = {
    # I3011 asks every stateful resource to say what happens to it when the stack goes.
    # The table, the attachments bucket and the user pool are retained (and checked
    # below). The log groups and the failure queue are deleted with the stack on
    # purpose: they have fixed names, so a retained one would make the next deployment
    # of the same stage fail with "already exists"; logs expire anyway, and the queue
    # holds only pointers into a stream that is gone with the stack.
    "I3011": "log groups and the failure queue go with their stack (see above)",
}

RETAINED = ("Table", "AttachmentsBucket", "UserPool")

# The catch-all needs a token; only these are served without one.
PUBLIC_ROUTES = {
    ("/api/v1/auth/{proxy+}", "any"),
    ("/api/v1/health", "get"),
    ("/api/openapi.json", "get"),
    ("/api/docs", "get"),
}

# Actions AWS cannot limit to a resource, which a statement may grant on "*", each with
# the reason. None is needed today: every action the functions use takes an ARN (even
# dynamodb:ListStreams, on the table's streams). X-Ray tracing, if it is turned on,
# would add xray:PutTraceSegments and xray:PutTelemetryRecords here.
UNSCOPED_ACTIONS: dict[str, str] = {}


def _lint_problems(translated: dict[str, Any]) -> list[str]:
    config = ManualArgs(regions=LINT_REGIONS, include_checks=["I"])
    return [
        f"{match.rule.id} ({match.rule.severity}) {match.message} at "
        + "/".join(str(part) for part in match.path)
        for match in lint(json.dumps(translated), config=config)
        if match.rule.id not in IGNORED_RULES
    ]


def test_the_translated_template_passes_cfn_lint(translated: dict[str, Any]) -> None:
    assert _lint_problems(translated) == []


def test_cfn_lint_catches_a_broken_reference(translated: dict[str, Any]) -> None:
    """The lint runs on the real output: a mistake planted in it is reported."""
    broken = json.loads(json.dumps(translated))
    properties = broken["Resources"]["StreamsFunctionTableStream"]["Properties"]
    properties["EventSourceArn"] = get_att("Table", "StreamArnX")
    assert any("StreamArnX" in problem for problem in _lint_problems(broken))


def test_data_outlives_the_stack(source: dict[str, Any]) -> None:
    for name in RETAINED:
        resource = source["Resources"][name]
        assert resource["DeletionPolicy"] == "Retain", name
        assert resource["UpdateReplacePolicy"] == "Retain", name


def test_every_function_logs_to_its_own_group_with_retention(
    translated: dict[str, Any],
) -> None:
    functions = resources(translated, "AWS::Lambda::Function")
    groups = resources(translated, "AWS::Logs::LogGroup")
    roles = resources(translated, "AWS::IAM::Role")
    assert len(functions) == 4
    used = []
    for name, function in functions.items():
        group = function["LoggingConfig"]["LogGroup"]["Ref"]
        assert groups[group]["RetentionInDays"] == ref("LogRetentionDays"), name
        role = roles[function["Role"]["Fn::GetAtt"][0]]
        assert allows(role, "logs:PutLogEvents", get_att(group, "Arn")), name
        used.append(group)
    assert len(set(used)) == len(used), "each function has a log group of its own"


def test_every_function_has_errors_and_throttles_alarms(translated: dict[str, Any]) -> None:
    alarms = resources(translated, "AWS::CloudWatch::Alarm").values()
    watched = {
        (alarm["MetricName"], alarm["Dimensions"][0]["Value"]["Ref"])
        for alarm in alarms
        if alarm.get("Namespace") == "AWS/Lambda"
        and alarm["Dimensions"][0]["Name"] == "FunctionName"
    }
    for function in resources(translated, "AWS::Lambda::Function"):
        assert ("Errors", function) in watched
        assert ("Throttles", function) in watched


def test_the_service_alarms_exist_and_notify_the_alarm_topic(
    translated: dict[str, Any],
) -> None:
    alarms = resources(translated, "AWS::CloudWatch::Alarm")
    for name, alarm in alarms.items():
        assert alarm["AlarmActions"] == [ref("AlarmTopic")], name
        assert alarm["OKActions"] == [ref("AlarmTopic")], name
    by_metric = {alarm.get("MetricName"): alarm for alarm in alarms.values()}
    assert by_metric["Latency"]["ExtendedStatistic"] == "p99"
    assert by_metric["IteratorAge"]["Dimensions"][0]["Value"] == ref("StreamsFunction")
    queue_depth = by_metric["ApproximateNumberOfMessagesVisible"]["Dimensions"][0]
    assert queue_depth["Value"] == get_att("StreamFailureQueue", "QueueName")
    rate = alarms["ApiServerErrorsAlarm"]["Metrics"]
    assert {m["MetricStat"]["Metric"]["MetricName"] for m in rate if "MetricStat" in m} == {
        "Count",
        "5xx",
    }
    # The people's topic has per-user filter policies; operators get a topic of their own.
    assert "AlarmTopic" in resources(translated, "AWS::SNS::Topic")


def test_the_authorizer_trusts_the_pool_and_its_client(translated: dict[str, Any]) -> None:
    body = translated["Resources"]["HttpApi"]["Properties"]["Body"]
    scheme = body["components"]["securitySchemes"]["CognitoJwt"]
    authorizer = scheme["x-amazon-apigateway-authorizer"]
    assert authorizer["type"] == "jwt"
    assert authorizer["identitySource"] == "$request.header.Authorization"
    configuration = authorizer["jwtConfiguration"]
    assert configuration["issuer"] == {
        "Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}"
    }
    # Deployed, that is the issuer the app itself checks tokens against.
    pool_id = "eu-west-1_AbCdEf123"
    deployed = configuration["issuer"]["Fn::Sub"].replace("${AWS::Region}", "eu-west-1")
    assert deployed.replace("${UserPool}", pool_id) == issuer_of(pool_id)
    assert configuration["audience"] == [ref("UserPoolClient")]


def test_only_the_sign_in_health_and_docs_routes_are_public(
    translated: dict[str, Any],
) -> None:
    routes = http_api_routes(translated)
    public = {route for route, authorizers in routes.items() if authorizers == ["NONE"]}
    assert public == PUBLIC_ROUTES
    assert routes[("/api/v1/{proxy+}", "any")] == ["CognitoJwt"]
    assert all(authorizers in (["NONE"], ["CognitoJwt"]) for authorizers in routes.values())
    # The web app reaches the API on its own origin, through CloudFront: no CORS.
    assert "CorsConfiguration" not in translated["Resources"]["HttpApi"]["Properties"]


def test_the_stream_processor_reads_the_tables_stream(translated: dict[str, Any]) -> None:
    (mapping,) = resources(translated, "AWS::Lambda::EventSourceMapping").values()
    assert mapping["EventSourceArn"] == get_att("Table", "StreamArn")
    assert mapping["FunctionName"] == ref("StreamsFunction")
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["BisectBatchOnFunctionError"] is True
    assert 0 < mapping["MaximumRetryAttempts"] <= 10
    queue = get_att("StreamFailureQueue", "Arn")
    assert mapping["DestinationConfig"]["OnFailure"]["Destination"] == queue
    role = resources(translated, "AWS::IAM::Role")["StreamsRole"]
    stream = {"Fn::Sub": "${Table.Arn}/stream/*"}
    for action in ("GetRecords", "GetShardIterator", "DescribeStream", "ListStreams"):
        assert allows(role, f"dynamodb:{action}", stream)
    assert allows(role, "sqs:SendMessage", queue)


def test_schedules_invoke_the_reminders_and_queues_functions(
    translated: dict[str, Any],
) -> None:
    schedules = {
        schedule["Target"]["Arn"]["Fn::GetAtt"][0]: schedule["ScheduleExpression"]
        for schedule in resources(translated, "AWS::Scheduler::Schedule").values()
    }
    assert schedules == {
        "RemindersFunction": "rate(15 minutes)",
        "QueuesFunction": "rate(1 minute)",
    }


def _wildcards(statement: dict[str, Any]) -> list[str]:
    """What is too broad in one Allow statement: a `*` action or a `*` resource."""
    found = [
        f"action {action}"
        for action in as_list(statement["Action"])
        if action == "*" or action.endswith(":*")
    ]
    if any(action not in UNSCOPED_ACTIONS for action in as_list(statement["Action"])):
        for resource in as_list(statement["Resource"]):
            # !Ref and !GetAtt name one resource; a string or !Sub may hold a "*".
            text = resource.get("Fn::Sub", "") if isinstance(resource, dict) else resource
            # A path under a known ARN (bucket/*, index/*, stream/*) is narrow.
            if "*" in str(text).removesuffix("/*"):
                found.append(f"resource {resource}")
    return found


def test_no_iam_statement_grants_everything(translated: dict[str, Any]) -> None:
    roles = resources(translated, "AWS::IAM::Role")
    assert len(roles) == 6  # one per function, and one per schedule (made by SAM)
    for name, role in roles.items():
        # AWS's managed execution policies grant logs and stream reads on "*".
        assert "ManagedPolicyArns" not in role, name
        for statement in policy_statements(role):
            if statement["Effect"] == "Allow":
                assert _wildcards(statement) == [], f"{name}: {statement.get('Sid')}"
    assert resources(translated, "AWS::IAM::Policy") == {}
