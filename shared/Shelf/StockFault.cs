namespace Beacons.Shared.Shelf
{
    /// <summary>Why a lane's readings are unusable; wire names come from <see cref="StockEventKindNames.FaultName"/>.</summary>
    public enum StockFault
    {
        /// <summary>Readings are healthy.</summary>
        None = 0,

        /// <summary>The driver reports no chip, or DOUT floats high and every read clocks out all ones (0xFFFFFF).</summary>
        NoSensor = 1,

        /// <summary>The chip stopped signalling ready for longer than a conversion allows.</summary>
        ReadyTimeout = 2,

        /// <summary>The reading sits on a rail code (0x7FFFFF or 0x800000): overload or a broken bridge wire.</summary>
        Saturation = 3,

        /// <summary>The weight stays outside what the lane can physically carry (lifted tray, wrong tare, damaged cell).</summary>
        Implausible = 4,

        /// <summary>The lane has no counts-per-gram calibration yet, so grams cannot be known.</summary>
        Uncalibrated = 5
    }
}
