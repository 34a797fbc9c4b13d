namespace PromoEngine.AspNetCore.Tests;
public class Placeholder { [Fact] public void Builds() { } }
