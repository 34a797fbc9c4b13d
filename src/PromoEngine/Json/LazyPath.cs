using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>
/// A JSON path built only when asked for: readers hand these down instead of strings, so a large
/// valid document costs no path text at all, and an error still names its exact place.
/// </summary>
internal sealed class LazyPath
{
    public static readonly LazyPath Root = new(null, null, 0, JsonPath.Root);

    private readonly LazyPath? _parent;
    private readonly string? _name;
    private readonly int _index;
    private string? _text;

    private LazyPath(LazyPath? parent, string? name, int index, string? text)
    {
        _parent = parent;
        _name = name;
        _index = index;
        _text = text;
    }

    public LazyPath Property(string name) => new(this, name, 0, null);

    public LazyPath Index(int index) => new(this, null, index, null);

    public override string ToString() =>
        _text ??= _name is null ? JsonPath.Index(_parent!.ToString(), _index) : JsonPath.Property(_parent!.ToString(), _name);
}
