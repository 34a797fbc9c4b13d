namespace PromoEngine.Pos.Tests;
public class Placeholder { [Fact] public void Builds() { } }
