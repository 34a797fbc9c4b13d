using System.Linq.Expressions;
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
internal sealed class JsonShape<T> where T : class, new()
{
    private readonly int[][] _byLength; // field indexes by UTF-8 name length: a lookup compares a handful of names at most
    private readonly long[] _allowed = [];

    public JsonShape(Func<FieldFactory<T>, JsonField<T>[]> describe)
    {
        Fields = describe(new FieldFactory<T>());
        if (Fields.Length > 64) throw new InvalidOperationException("a shape's fields are tracked as bits of a long");
        if (Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != Fields.Length)
            throw new InvalidOperationException($"{typeof(T).Name}: a JSON name is given twice");
        int longest = Fields.Max(f => f.Utf8.Length);
        _byLength = Enumerable.Range(0, longest + 1)
            .Select(length => Enumerable.Range(0, Fields.Length).Where(i => Fields[i].Utf8.Length == length).ToArray())
            .ToArray();
        Variant = Array.FindIndex(Fields, f => f.VariantCount > 0);
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

    /// <summary>A new, empty record (a compiled constructor call: <c>new T()</c> in generic code goes through the activator).</summary>
    public Func<T> New { get; } = Expression.Lambda<Func<T>>(Expression.New(typeof(T))).Compile();

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

    /// <summary>The JSON name encoded once for the writer.</summary>
    public JsonEncodedText Encoded { get; } = JsonEncodedText.Encode(name);

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

    internal static int VariantIndex<E>(E variant) where E : struct, Enum => Array.IndexOf(EnumValues<E>.All, variant);
}

/// <summary>An enum's values, once.</summary>
internal static class EnumValues<E> where E : struct, Enum
{
    public static readonly E[] All = Enum.GetValues<E>();
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
internal sealed class VariantField<T, E>(string name, EnumCodec<E> codec, Func<T, E?> get, Action<T, E?> set)
    : Field<T, E?>(name, codec, get, set) where T : class where E : struct, Enum
{
    public override int VariantCount => EnumValues<E>.All.Length;

    public override int VariantOf(T target) => Get(target) is { } variant ? VariantIndex(variant) : -1;

    public override Problem Missing => ErrorCatalog.KindRequired(codec.Spellings);
}

/// <summary>Builds a shape's fields from one line each: JSON name, record property, and the value's kind.</summary>
internal sealed class FieldFactory<T> where T : class
{
    public JsonField<T> String(string name, Expression<Func<T, string?>> property) => Value(name, Codecs.String, property);
    public JsonField<T> Number(string name, Expression<Func<T, decimal?>> property) => Value(name, Codecs.Number, property);
    public JsonField<T> Integer(string name, Expression<Func<T, long?>> property) => Value(name, Codecs.Integer, property);
    public JsonField<T> Int32(string name, Expression<Func<T, int?>> property) => Value(name, Codecs.Int32, property);
    public JsonField<T> Bool(string name, Expression<Func<T, bool?>> property) => Value(name, Codecs.Bool, property);
    public JsonField<T> Instant(string name, Expression<Func<T, DateTimeOffset?>> property) => Value(name, Codecs.Instant, property);
    public JsonField<T> Strings(string name, Expression<Func<T, IReadOnlyList<string>?>> property) => Value(name, Codecs.Strings, property);

    public JsonField<T> Enum<E>(string name, Expression<Func<T, E?>> property, IReadOnlyDictionary<string, E> spellings) where E : struct, Enum =>
        Value(name, new EnumCodec<E>(spellings), property);

    /// <summary>The shape's variant field (see <see cref="JsonShape{T}"/>).</summary>
    public JsonField<T> Variant<E>(string name, Expression<Func<T, E?>> property, IReadOnlyDictionary<string, E> spellings) where E : struct, Enum
    {
        var (get, set) = Accessors(property);
        return new VariantField<T, E>(name, new EnumCodec<E>(spellings), get, set);
    }

    public JsonField<T> Object<U>(string name, Expression<Func<T, U?>> property, JsonShape<U> shape) where U : class, new() =>
        Value(name, new ObjectCodec<U>(shape), property);

    public JsonField<T> Objects<U>(string name, Expression<Func<T, IReadOnlyList<U>?>> property, JsonShape<U> shape) where U : class, new() =>
        Value(name, new ArrayCodec<U>(new ObjectCodec<U>(shape)), property);

    public JsonField<T> Value<P>(string name, JsonCodec<P> codec, Expression<Func<T, P>> property)
    {
        var (get, set) = Accessors(property);
        return new Field<T, P>(name, codec, get, set);
    }

    /// <summary>
    /// The record property's getter and a compiled call of its init accessor. The readers set properties
    /// of a record they have just made and not yet handed out, which is what the object initializer does.
    /// </summary>
    private static (Func<T, P> Get, Action<T, P> Set) Accessors<P>(Expression<Func<T, P>> property)
    {
        var info = (property.Body as MemberExpression)?.Member as PropertyInfo
            ?? throw new ArgumentException("expected a property of " + typeof(T).Name, nameof(property));
        var target = Expression.Parameter(typeof(T));
        var value = Expression.Parameter(typeof(P));
        var set = Expression.Lambda<Action<T, P>>(Expression.Call(target, info.SetMethod!, value), target, value).Compile();
        return (property.Compile(), set);
    }
}
