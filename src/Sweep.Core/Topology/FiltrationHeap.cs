namespace Sweep.Core.Topology;

/// <summary>
/// A binary min-heap of simplices in filtration order: the working column of the reduction, kept lazily as Ripser
/// keeps it. Over Z/2 two copies of a simplex cancel, so the pivot is found by popping equal pairs off the top.
/// </summary>
internal sealed class FiltrationHeap
{
    private FiltrationEntry[] _items = new FiltrationEntry[64];
    private int _count;

    public int Count => _count;

    public void Clear() => _count = 0;

    public void Push(FiltrationEntry entry)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var items = _items;
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!FiltrationEntry.Before(entry, items[parent]))
            {
                break;
            }

            items[i] = items[parent];
            i = parent;
        }

        items[i] = entry;
    }

    /// <summary>The lowest surviving simplex (after Z/2 cancellation), left on the heap; <see cref="FiltrationEntry.None"/> when the column is zero.</summary>
    public FiltrationEntry Pivot()
    {
        var pivot = PopPivot();
        if (pivot.Exists)
        {
            Push(pivot);
        }

        return pivot;
    }

    /// <summary>Removes and returns the lowest surviving simplex; <see cref="FiltrationEntry.None"/> when none survives.</summary>
    public FiltrationEntry PopPivot()
    {
        while (_count > 0)
        {
            var top = Pop();
            if (_count == 0 || _items[0].Index != top.Index)
            {
                return top;
            }

            Pop();
        }

        return FiltrationEntry.None;
    }

    private FiltrationEntry Pop()
    {
        var items = _items;
        var top = items[0];
        var last = items[--_count];
        var n = _count;
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && FiltrationEntry.Before(items[child + 1], items[child]))
            {
                child++;
            }

            if (!FiltrationEntry.Before(items[child], last))
            {
                break;
            }

            items[i] = items[child];
            i = child;
        }

        if (n > 0)
        {
            items[i] = last;
        }

        return top;
    }
}
