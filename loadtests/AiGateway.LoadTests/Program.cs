Console.WriteLine("aigw-load");
