using Ponder.Cli;

return await CommandLine.RunAsync(args);
