using Ponder.Server;

// The route table and services are in PonderServer.Build, shared with `ponder serve` in the CLI.
await PonderServer.RunAsync(args);
