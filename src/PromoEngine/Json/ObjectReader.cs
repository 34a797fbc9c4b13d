using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using PromoEngine.Validation;
using static PromoEngine.Validation.ErrorCatalog;

namespace PromoEngine.Json;

/// <summary>
/// The full reader: reads one JSON object strictly against its <see cref="JsonShape{T}"/>, reporting every
/// problem with its path — duplicates first (the later property), then each field's problems in the
/// shape's order, then every property nobody read as unknown. A value that fails to read is absent, so
/// reading always goes on to find every error. It runs only when the one-pass reader gave up.
/// </summary>
internal static class ObjectReader
{
    private struct Property
    {
        public int Field;       // the shape's field, or -1
        public string Name;
        public JsonElement Value;
        public bool Read;
    }

    public static T? Read<T>(JsonShape<T> shape, JsonElement element, LazyPath path, ErrorSink errors) where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, ExpectedObject(JsonValues.Describe(element)));
            return null;
        }
        var properties = Collect(shape, element, path, errors);
        var target = shape.New();
        var fields = shape.Fields;
        if (shape.Variant >= 0)
        {
            // The variant is read first: it decides which fields belong.
            var variant = fields[shape.Variant];
            int at = Find(properties, shape.Variant);
            if (at >= 0) properties[at].Read = true;
            if (at < 0 || properties[at].Value.ValueKind == JsonValueKind.Null) errors.Add(path.Property(variant.Name), variant.Missing);
            else variant.Read(properties[at].Value, path.Property(variant.Name), errors, target);
        }
        int kind = shape.Variant >= 0 ? fields[shape.Variant].VariantOf(target) : -1;
        bool unknownVariant = false;
        for (int i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (i == shape.Variant) continue;
            if (field.Variants != JsonField<T>.AllVariants)
            {
                // Without a valid variant, which fields belong is unknown: the variant's error says it all.
                if (kind < 0) { unknownVariant = true; continue; }
                if ((field.Variants & (1L << kind)) == 0) continue; // not read: reported as unknown below
            }
            int at = Find(properties, i);
            if (at < 0) continue;
            properties[at].Read = true;
            if (properties[at].Value.ValueKind != JsonValueKind.Null) field.Read(properties[at].Value, path.Property(field.Name), errors, target);
        }
        if (!unknownVariant)
            foreach (var property in properties)
                if (!property.Read) errors.Add(path.Property(property.Name), UnknownProperty(property.Name));
        return target;
    }

    /// <summary>The object's properties in document order, each matched to its field; a repeated one is reported and left out.</summary>
    private static Property[] Collect<T>(JsonShape<T> shape, JsonElement element, LazyPath path, ErrorSink errors) where T : class
    {
        int count = 0;
        foreach (JsonProperty _ in element.EnumerateObject()) count++;
        var properties = new Property[count];
        count = 0;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            int field = raw.IndexOf((byte)'\\') < 0 ? shape.Find(raw) : -1;
            string name;
            if (field >= 0) name = shape.Fields[field].Name; // one shared string: JsonProperty.Name makes a new one each time
            else if (!TryName(property, path, errors, out name)) continue;
            else field = shape.Find(name);
            if (Duplicate(properties, count, field, name))
            {
                errors.Add(path.Property(name), DuplicateProperty(name));
                continue;
            }
            properties[count++] = new Property { Field = field, Name = name, Value = property.Value };
        }
        return count == properties.Length ? properties : properties[..count];
    }

    /// <summary>A property's name, or false after reporting a name that escapes a lone surrogate (no .NET text holds it).</summary>
    internal static bool TryName(JsonProperty property, LazyPath path, ErrorSink errors, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            errors.Add(path.Property(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property))), LoneSurrogate);
            name = "";
            return false;
        }
    }

    private static bool Duplicate(Property[] properties, int count, int field, string name)
    {
        for (int i = 0; i < count; i++)
            if (field >= 0 ? properties[i].Field == field : string.Equals(properties[i].Name, name, StringComparison.Ordinal)) return true;
        return false;
    }

    private static int Find(Property[] properties, int field)
    {
        for (int i = 0; i < properties.Length; i++)
            if (properties[i].Field == field) return i;
        return -1;
    }
}
