using System;
using System.Collections.Generic;

namespace Beacons.VirtualDevice.World
{
    /// <summary>
    /// A script for one lane: the items it starts with, their unit weight, and timed actions (picks, multi-picks,
    /// restocks, bumps, leaning hands, an emptied lane, unplugging). <see cref="LoadCellModel"/> plays it; the labelled
    /// pick/restock actions are also the ground truth of a benchmark trace.
    /// </summary>
    public sealed class LoadCellScenario
    {
        private readonly List<LoadCellAction> _actions = new List<LoadCellAction>();

        /// <param name="unitGrams">Nominal weight of one item, g.</param>
        /// <param name="initialItems">Items on the lane at time 0.</param>
        public LoadCellScenario(double unitGrams, int initialItems)
        {
            if (!(unitGrams > 0)) throw new ArgumentOutOfRangeException(nameof(unitGrams));
            if (initialItems < 0) throw new ArgumentOutOfRangeException(nameof(initialItems));
            UnitGrams = unitGrams;
            InitialItems = initialItems;
        }

        public double UnitGrams { get; }

        public int InitialItems { get; }

        /// <summary>The actions in time order.</summary>
        public IReadOnlyList<LoadCellAction> Actions => _actions;

        /// <summary>A hand takes <paramref name="count"/> items together, lifting for <paramref name="liftMs"/>.</summary>
        public LoadCellScenario Pick(long tMs, int count = 1, long liftMs = 200) => Add(new LoadCellAction(tMs, LoadCellActionKind.Pick, count, 0, liftMs));

        /// <summary>A hand puts <paramref name="count"/> items down together over <paramref name="placeMs"/>.</summary>
        public LoadCellScenario Restock(long tMs, int count = 1, long placeMs = 250) => Add(new LoadCellAction(tMs, LoadCellActionKind.Restock, count, 0, placeMs));

        /// <summary>A knock with <paramref name="peakGrams"/> of peak swing.</summary>
        public LoadCellScenario Bump(long tMs, double peakGrams) => Add(new LoadCellAction(tMs, LoadCellActionKind.Bump, 0, peakGrams, 0));

        /// <summary>A hand leaning with <paramref name="grams"/> for <paramref name="durationMs"/>.</summary>
        public LoadCellScenario Press(long tMs, double grams, long durationMs) => Add(new LoadCellAction(tMs, LoadCellActionKind.Press, 0, grams, durationMs));

        /// <summary>The module is unplugged at <paramref name="tMs"/> for <paramref name="durationMs"/>.</summary>
        public LoadCellScenario Unplug(long tMs, long durationMs) => Add(new LoadCellAction(tMs, LoadCellActionKind.Unplug, 0, 0, durationMs));

        /// <summary>Every item still on the lane at <paramref name="tMs"/> is taken in one grab (as far as the script knows).</summary>
        public LoadCellScenario EmptyLane(long tMs)
        {
            int items = ItemsAt(tMs);
            return items > 0 ? Pick(tMs, items, 400) : this;
        }

        /// <summary>Items on the lane just after <paramref name="tMs"/> per the script.</summary>
        public int ItemsAt(long tMs)
        {
            int items = InitialItems;
            foreach (LoadCellAction a in _actions)
            {
                if (a.TMs > tMs) break;
                if (a.Kind == LoadCellActionKind.Pick) items -= a.Count;
                else if (a.Kind == LoadCellActionKind.Restock) items += a.Count;
            }

            return items;
        }

        /// <summary>Whether the module is plugged in at <paramref name="tMs"/>.</summary>
        public bool ConnectedAt(long tMs)
        {
            foreach (LoadCellAction a in _actions)
            {
                if (a.Kind == LoadCellActionKind.Unplug && tMs >= a.TMs && tMs < a.TMs + a.DurationMs) return false;
            }

            return true;
        }

        private LoadCellScenario Add(LoadCellAction action)
        {
            if (action.Kind == LoadCellActionKind.Pick && action.Count > ItemsAt(action.TMs))
            {
                throw new InvalidOperationException($"pick of {action.Count} at {action.TMs} ms but only {ItemsAt(action.TMs)} items are on the lane");
            }

            int i = _actions.Count;
            while (i > 0 && _actions[i - 1].TMs > action.TMs) i--;
            _actions.Insert(i, action);
            return this;
        }
    }
}
