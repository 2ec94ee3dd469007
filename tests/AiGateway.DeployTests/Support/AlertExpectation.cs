namespace AiGateway.DeployTests.Support;

/// <summary>An <c>alert_rule_test</c> entry: which alert, when, and how many alerts it expects (0: must not fire).</summary>
internal sealed record AlertExpectation(string AlertName, string EvalTime, int ExpectedAlerts);
