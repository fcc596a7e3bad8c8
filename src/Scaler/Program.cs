var builder = WebApplication.CreateBuilder(args);
builder.AddScaler();

var app = builder.Build();
app.MapScaler();
app.Run();
