using AiGateway.Hosting;

var app = GatewayApplication.Create(args);
app.Run();
