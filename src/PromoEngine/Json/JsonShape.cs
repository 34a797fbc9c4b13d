using System.Reflection;
using System.Text;
using System.Text.Json;
using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>
/// One JSON object of the formats, described once: its properties in reading order, each with its JSON
/// name, its value's codec and the record property it fills. The full reader (<see cref="ObjectReader"/>),
/// the one-pass reader (<see cref="FastReader"/>) and the writer (<see cref="ObjectCodec{T}"/>) are all
/// driven by it, so a new field is one line in <see cref="DefinitionShapes"/>.
/// <para>
/// A shape may have a <em>variant</em> field (a promotion's <c>kind</c>): it is required, read first, and
/// fields marked <see cref="JsonField{T}.Only"/> belong to some variants only (elsewhere they are unknown).
/// </para>
/// </summary>
internal sealed class JsonShape<T> where T : class
{
    private readonly int[][] _byLength; // field indexes by UTF-8 name length: a lookup compares a handful of names at most
    private readonly long[] _allowed = [];

    /// <param name="create">Makes an empty record (a lambda per shape: <c>new T()</c> in generic code goes through the activator).</param>
    /// <param name="describe">The fields, one line each.</param>
    public JsonShape(Func<T> create, Func<FieldFactory<T>, JsonField<T>[]> describe)
    {
        New = create;
        // Plain loops, no LINQ: every process that reads JSON runs this once, and start-up counts.
        Fields = describe(new FieldFactory<T>());
        if (Fields.Length > 64) throw new InvalidOperationException("a shape's fields are tracked as bits of a long");
        int longest = 0;
        Variant = -1;
        for (int i = 0; i < Fields.Length; i++)
        {
            longest = Math.Max(longest, Fields[i].Utf8.Length);
            if (Fields[i].VariantCount > 0) Variant = i;
            for (int j = 0; j < i; j++)
                if (Fields[j].Name == Fields[i].Name) throw new InvalidOperationException($"{typeof(T).Name}: \"{Fields[i].Name}\" is given twice");
        }
        _byLength = new int[longest + 1][];
        for (int length = 0; length <= longest; length++)
        {
            var indexes = new List<int>();
            for (int i = 0; i < Fields.Length; i++)
                if (Fields[i].Utf8.Length == length) indexes.Add(i);
            _byLength[length] = indexes.ToArray();
        }
        if (Variant >= 0)
        {
            _allowed = new long[Fields[Variant].VariantCount];
            for (int v = 0; v < _allowed.Length; v++)
                for (int i = 0; i < Fields.Length; i++)
                    if ((Fields[i].Variants & (1L << v)) != 0) _allowed[v] |= 1L << i;
        }
    }

    /// <summary>The fields, in the order the full reader reads them (its errors come in this order) and the writer writes them.</summary>
    public JsonField<T>[] Fields { get; }

    /// <summary>The index of the variant field, or -1.</summary>
    public int Variant { get; }

    /// <summary>Bits of the fields that belong to <paramref name="variant"/>.</summary>
    public long AllowedFor(int variant) => _allowed[variant];

    /// <summary>Makes a new, empty record.</summary>
    public Func<T> New { get; }

    /// <summary>
    /// The index of the field named by these UTF-8 bytes (unescaped), or -1. Documents mostly list
    /// properties in the shape's order, so the field after <paramref name="previous"/> is tried first.
    /// </summary>
    public int Find(ReadOnlySpan<byte> utf8Name, int previous)
    {
        int next = previous + 1;
        if ((uint)next < (uint)Fields.Length && utf8Name.SequenceEqual(Fields[next].Utf8)) return next;
        return Find(utf8Name);
    }

    /// <summary>The index of the field named by these UTF-8 bytes (unescaped), or -1.</summary>
    public int Find(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length >= _byLength.Length) return -1;
        foreach (int i in _byLength[utf8Name.Length])
            if (utf8Name.SequenceEqual(Fields[i].Utf8)) return i;
        return -1;
    }

    /// <summary>The index of the field with this name, or -1.</summary>
    public int Find(string name) => Find(Encoding.UTF8.GetBytes(name));
}

/// <summary>One property of a <see cref="JsonShape{T}"/>.</summary>
internal abstract class JsonField<T>(string name) where T : class
{
    /// <summary>Variants a field belongs to when it belongs to all.</summary>
    public const long AllVariants = -1;

    /// <summary>The JSON name, one shared string (a large rule set has a million properties).</summary>
    public string Name { get; } = name;

    /// <summary>The JSON name as UTF-8, for the one-pass reader's lookup.</summary>
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(name);

    /// <summary>The JSON name encoded once for the writer (when first written: readers never need it).</summary>
    public JsonEncodedText Encoded => _encoded ??= JsonEncodedText.Encode(Name);

    private JsonEncodedText? _encoded;

    /// <summary>Bits of the variants it belongs to (<see cref="AllVariants"/> unless <see cref="Only"/> narrowed it).</summary>
    public long Variants { get; private set; } = AllVariants;

    /// <summary>For the variant field: how many variants there are; 0 for any other field.</summary>
    public virtual int VariantCount => 0;

    /// <summary>For the variant field: the variant <paramref name="target"/> has, or -1.</summary>
    public virtual int VariantOf(T target) => -1;

    /// <summary>For the variant field: the problem when it is absent.</summary>
    public virtual Problem Missing => ErrorCatalog.Required(Name);

    /// <summary>Belongs to these variants only (of the shape's variant field), e.g. <c>price</c> to three promotion kinds.</summary>
    public JsonField<T> Only<E>(params E[] variants) where E : struct, Enum
    {
        Variants = 0;
        foreach (E variant in variants) Variants |= 1L << VariantIndex(variant);
        return this;
    }

    /// <summary>Reads a present, non-null value into <paramref name="target"/>, reporting any problem at <paramref name="path"/>.</summary>
    public abstract void Read(JsonElement value, LazyPath path, ErrorSink errors, T target);

    /// <summary>Reads the value at the reader's property name into <paramref name="target"/>; false to give up.</summary>
    public abstract bool ReadFast(ref Utf8JsonReader reader, T target);

    /// <summary>Writes the property unless its value is null.</summary>
    public abstract void Write(Utf8JsonWriter writer, T source);

    /// <summary>A variant's index: its enum's number (the variant field checks they run 0, 1, 2, …).</summary>
    internal static int VariantIndex<E>(E variant) where E : struct, Enum => Spellings<E>.Number(variant);
}

/// <summary>A property of type <typeparamref name="P"/> (nullable) read and written by a codec.</summary>
internal class Field<T, P>(string name, JsonCodec<P> codec, Func<T, P> get, Action<T, P> set) : JsonField<T>(name) where T : class
{
    protected P Get(T target) => get(target);

    public override void Read(JsonElement value, LazyPath path, ErrorSink errors, T target)
    {
        P read = codec.Read(value, path, errors);
        if (read is not null) set(target, read);
    }

    public override bool ReadFast(ref Utf8JsonReader reader, T target)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true; // null reads as absent
        P read = codec.ReadFast(ref reader);
        if (read is null) return false;
        set(target, read);
        return true;
    }

    public override void Write(Utf8JsonWriter writer, T source)
    {
        P value = get(source);
        if (value is null) return;
        writer.WritePropertyName(Encoded);
        codec.Write(writer, value);
    }
}

/// <summary>The variant field of a shape: an enum whose value decides which other fields belong.</summary>
internal sealed class VariantField<T, E> : Field<T, E?> where T : class where E : struct, Enum
{
    private readonly EnumCodec<E> _codec;

    public VariantField(string name, EnumCodec<E> codec, Func<T, E?> get, Action<T, E?> set) : base(name, codec, get, set)
    {
        _codec = codec;
        var names = codec.Spellings.Names;
        for (int i = 0; i < names.Count; i++)
            if (!codec.Spellings.TryParse(names[i], out var value) || VariantIndex(value) != i)
                throw new InvalidOperationException($"{typeof(E).Name}: the variants' spellings must list its values 0, 1, 2, … in order");
        VariantCount = names.Count;
    }

    public override int VariantCount { get; }

    public override int VariantOf(T target) => Get(target) is { } variant ? VariantIndex(variant) : -1;

    public override Problem Missing => ErrorCatalog.KindRequired(_codec.Spellings.Names);
}

/// <summary>
/// Builds a shape's fields from one line each: the JSON name and the kind of its value. The record
/// property is the JSON name with a capital (<c>unitPrice</c> → <c>UnitPrice</c>) unless given; a name
/// without its property, or a property of another type, fails at start-up (and in <c>JsonShapeTests</c>).
/// Reflection finds the accessors once; no expression trees, so a process starts reading in milliseconds.
/// </summary>
internal sealed class FieldFactory<T> where T : class
{
    public JsonField<T> String(string name, string? property = null) => Value(name, Codecs.String, property);
    public JsonField<T> Number(string name, string? property = null) => Value(name, Codecs.Number, property);
    public JsonField<T> Integer(string name, string? property = null) => Value(name, Codecs.Integer, property);
    public JsonField<T> Int32(string name, string? property = null) => Value(name, Codecs.Int32, property);
    public JsonField<T> Bool(string name, string? property = null) => Value(name, Codecs.Bool, property);
    public JsonField<T> Instant(string name, string? property = null) => Value(name, Codecs.Instant, property);
    public JsonField<T> Strings(string name, string? property = null) => Value(name, Codecs.Strings, property);

    public JsonField<T> Enum<E>(string name, Spellings<E> spellings) where E : struct, Enum =>
        Value(name, new EnumCodec<E>(spellings));

    /// <summary>The shape's variant field (see <see cref="JsonShape{T}"/>).</summary>
    public JsonField<T> Variant<E>(string name, Spellings<E> spellings) where E : struct, Enum
    {
        var (get, set) = Accessors<E?>(name, null);
        return new VariantField<T, E>(name, new EnumCodec<E>(spellings), get, set);
    }

    public JsonField<T> Object<U>(string name, JsonShape<U> shape) where U : class => Value(name, new ObjectCodec<U>(shape));

    public JsonField<T> Objects<U>(string name, JsonShape<U> shape) where U : class =>
        Value(name, new ArrayCodec<U>(new ObjectCodec<U>(shape)));

    public JsonField<T> Value<P>(string name, JsonCodec<P> codec, string? property = null)
    {
        var (get, set) = Accessors<P>(name, property);
        return new Field<T, P>(name, codec, get, set);
    }

    /// <summary>
    /// The record property's getter and init accessor as delegates. The readers set properties of a
    /// record they have just made and not yet handed out, which is what an object initializer does.
    /// </summary>
    private static (Func<T, P> Get, Action<T, P> Set) Accessors<P>(string name, string? property)
    {
        property ??= char.ToUpperInvariant(name[0]) + name[1..];
        var info = typeof(T).GetProperty(property, BindingFlags.Public | BindingFlags.Instance);
        if (info is null || info.PropertyType != typeof(P) || info.SetMethod is null)
            throw new InvalidOperationException($"{typeof(T).Name}.{property} is not a settable {typeof(P).Name} property for JSON \"{name}\"");
        return (info.GetMethod!.CreateDelegate<Func<T, P>>(), info.SetMethod.CreateDelegate<Action<T, P>>());
    }
}
