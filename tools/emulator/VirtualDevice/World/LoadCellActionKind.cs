namespace Beacons.VirtualDevice.World
{
    /// <summary>What a scripted store action is.</summary>
    public enum LoadCellActionKind
    {
        /// <summary>A hand takes <c>Count</c> items at once (a short press, then the lift).</summary>
        Pick,

        /// <summary>A hand puts <c>Count</c> items back at once.</summary>
        Restock,

        /// <summary>A knock on the shelf: a velocity impulse worth <c>Grams</c> of peak displacement; nothing changes.</summary>
        Bump,

        /// <summary>A hand leans on the lane with <c>Grams</c> for <c>DurationMs</c>, then lets go.</summary>
        Press,

        /// <summary>The HX711 module is unplugged for <c>DurationMs</c> (DOUT floats high), then plugged back in.</summary>
        Unplug,
    }
}
