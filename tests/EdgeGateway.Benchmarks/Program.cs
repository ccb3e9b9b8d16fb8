Console.WriteLine("edge-gateway benchmarks");
return 0;
