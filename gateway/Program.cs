using AiGateway.Hosting;

if (args is [GatewayProbe.Argument, var url])
{
    return await GatewayProbe.RunAsync(url, Console.Error, TimeSpan.FromSeconds(3));
}

var app = GatewayApplication.Create(args);
await app.RunAsync();
return 0;
