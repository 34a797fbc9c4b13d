namespace OnlineCheckout;

/// <summary>Finds the rule-set file when the sample is started from anywhere in the repository.</summary>
public static class SamplePaths
{
    /// <summary>
    /// Resolves a relative <paramref name="path"/> against the first of <paramref name="roots"/>, or one of
    /// their parent directories, in which the file exists (so <c>samples/data/retail-rules.json</c> is found
    /// in the repository root whether the sample runs from the root, the project folder or its output
    /// folder). Absolute paths, and paths found nowhere, are returned relative to the first root.
    /// </summary>
    /// <param name="path">The configured path; <see langword="null"/> stays <see langword="null"/>.</param>
    /// <param name="roots">Directories to start from, in order of preference.</param>
    public static string? Resolve(string? path, params string[] roots)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || roots.Length == 0) return path;
        foreach (string root in roots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, path);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return Path.GetFullPath(path, roots[0]);
    }
}
