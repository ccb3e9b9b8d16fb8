namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Builds a <see cref="Hj212DataArea"/> item by item: <see cref="AddItem"/> appends to the current group,
/// <see cref="EndGroup"/> closes it so the next item starts a new group.
/// </summary>
public sealed class Hj212DataAreaBuilder
{
    private readonly List<Hj212DataItem[]> _groups = [];
    private readonly List<Hj212DataItem> _current = [];

    /// <summary>Appends <c>name=value</c> to the current group.</summary>
    public Hj212DataAreaBuilder AddItem(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _current.Add(new Hj212DataItem(name, value));
        return this;
    }

    /// <summary>Closes the current group (nothing happens when it is empty).</summary>
    public Hj212DataAreaBuilder EndGroup()
    {
        if (_current.Count > 0)
        {
            _groups.Add(_current.ToArray());
            _current.Clear();
        }

        return this;
    }

    /// <summary>Closes the current group and adds <paramref name="items"/> as a group of its own.</summary>
    public Hj212DataAreaBuilder AddGroup(params ReadOnlySpan<Hj212DataItem> items)
    {
        EndGroup();
        if (!items.IsEmpty)
        {
            _groups.Add(items.ToArray());
        }

        return this;
    }

    /// <summary>Closes the current group and returns the data area.</summary>
    public Hj212DataArea Build()
    {
        EndGroup();
        return new Hj212DataArea(_groups.ToArray());
    }
}
