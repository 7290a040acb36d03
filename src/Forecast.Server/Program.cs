using Forecast.Server;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddForecastServer(builder.Configuration);

var app = builder.Build();

app.MapForecastServer();

app.Run();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
