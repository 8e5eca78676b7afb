namespace Sweep.Core.Topology;

/// <summary>Disjoint sets over 0..n-1 with path halving and union by rank: the components of the growing 1-skeleton.</summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly byte[] _rank;

    public UnionFind(int count)
    {
        _parent = new int[count];
        _rank = new byte[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    /// <summary>Joins the sets of two roots.</summary>
    public void Link(int rootA, int rootB)
    {
        if (_rank[rootA] < _rank[rootB])
        {
            _parent[rootA] = rootB;
        }
        else
        {
            _parent[rootB] = rootA;
            if (_rank[rootA] == _rank[rootB])
            {
                _rank[rootA]++;
            }
        }
    }
}
