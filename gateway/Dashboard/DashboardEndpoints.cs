using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiGateway.Dashboard;

/// <summary>
/// The finance page, <c>GET /admin/dashboard</c>, with its script and style. The three files hold no data
/// and are anonymous; the page itself calls <c>/admin/spend</c> and <c>/admin/budgets</c> with the admin
/// credential its user enters, so reading spend needs the finance or admin role exactly as the API does.
/// </summary>
internal static class DashboardEndpoints
{
    public static RouteGroupBuilder MapFinanceDashboard(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        Map(admin, "/dashboard", DashboardAsset.Load("index.html", "text/html; charset=utf-8"));
        Map(admin, "/dashboard/app.js", DashboardAsset.Load("app.js", "text/javascript; charset=utf-8"));
        Map(admin, "/dashboard/app.css", DashboardAsset.Load("app.css", "text/css; charset=utf-8"));
        return admin;
    }

    private static void Map(RouteGroupBuilder admin, string pattern, DashboardAsset asset) =>
        admin.MapGet(pattern, () => asset).AllowAnonymous().ExcludeFromDescription();
}
