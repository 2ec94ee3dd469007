namespace AiGateway.DeployTests.Support;

/// <summary>One query of a dashboard panel.</summary>
internal sealed record DashboardTarget(int PanelId, string PanelTitle, string RefId, string Expr, string LegendFormat)
{
    public string Where => $"panel {PanelId} '{PanelTitle}' target {RefId}";
}
