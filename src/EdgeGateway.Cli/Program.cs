Console.WriteLine("egw");
return 0;
