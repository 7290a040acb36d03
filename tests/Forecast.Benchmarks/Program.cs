using Forecast.Benchmarks;

// Runners register themselves in RunnerCatalog; "help" lists them.
return RunnerCatalog.Run(args);
