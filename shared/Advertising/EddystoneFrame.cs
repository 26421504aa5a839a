using System;
using Beacons.Shared.Common;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Eddystone frame writers (google/eddystone: protocol-specification.md and the eddystone-uid, -url, -tlm
    /// (tlm-plain.md) and -eid READMEs). Each writes the complete advertising data, Flags included, into a
    /// caller-provided buffer and returns its length; none allocates, so TLM and EID can be rebuilt in place.
    /// </summary>
    public static class EddystoneFrame
    {
        /// <summary>Frame type byte of Eddystone-UID.</summary>
        public const byte TypeUid = 0x00;

        /// <summary>Frame type byte of Eddystone-URL.</summary>
        public const byte TypeUrl = 0x10;

        /// <summary>Frame type byte of Eddystone-TLM.</summary>
        public const byte TypeTlm = 0x20;

        /// <summary>Frame type byte of Eddystone-EID.</summary>
        public const byte TypeEid = 0x30;

        /// <summary>UID advertising data length: the full 31 bytes (service data length 0x17, RFU bytes included).</summary>
        public const int UidLength = 31;

        /// <summary>TLM advertising data length (service data length 0x11).</summary>
        public const int TlmLength = 25;

        /// <summary>EID advertising data length (service data length 0x0D).</summary>
        public const int EidLength = 21;

        /// <summary>TLM temperature value meaning "not supported" (-128 °C).</summary>
        public const int TemperatureNotSupported = 0x8000;

        /// <summary>Lowest and highest calibrated TX power at 0 m the spec allows, dBm.</summary>
        public const int MinTxPowerDbm = -100;

        /// <summary>Highest calibrated TX power at 0 m the spec allows, dBm.</summary>
        public const int MaxTxPowerDbm = 20;

        /// <summary>URL advertising data length for <paramref name="encodedBytes"/> bytes of scheme + encoded URL.</summary>
        public static int UrlLength(int encodedBytes)
        {
            return AdStructure.EddystoneHeaderBytes + 2 + encodedBytes;
        }

        /// <summary>Writes an Eddystone-UID frame.</summary>
        /// <param name="txPowerAt0mDbm">Calibrated TX power at 0 m, -100..20 dBm.</param>
        /// <param name="namespaceId">10 bytes.</param>
        /// <param name="instanceId">6 bytes.</param>
        /// <exception cref="ArgumentException">An argument is out of range.</exception>
        public static int WriteUid(byte[] buffer, int offset, int txPowerAt0mDbm, byte[] namespaceId, byte[] instanceId)
        {
            CheckTxPower(txPowerAt0mDbm);
            if (namespaceId == null || namespaceId.Length != 10 || instanceId == null || instanceId.Length != 6)
            {
                throw new ArgumentException("UID needs a 10-byte namespace and a 6-byte instance");
            }

            int o = AdStructure.WriteEddystoneHeader(buffer, offset, 20);
            buffer[o++] = TypeUid;
            buffer[o++] = (byte)(sbyte)txPowerAt0mDbm;
            Array.Copy(namespaceId, 0, buffer, o, 10);
            o += 10;
            Array.Copy(instanceId, 0, buffer, o, 6);
            o += 6;
            buffer[o++] = 0x00; // RFU
            buffer[o] = 0x00; // RFU
            return UidLength;
        }

        /// <summary>Writes an Eddystone-URL frame from an encoded URL (scheme byte first, see <see cref="EddystoneUrlCodec"/>).</summary>
        /// <param name="encodedUrl">Scheme prefix byte followed by 0..17 encoded URL bytes.</param>
        /// <exception cref="ArgumentException">The encoded URL is empty or longer than 18 bytes, or the TX power is out of range.</exception>
        public static int WriteUrl(byte[] buffer, int offset, int txPowerAt0mDbm, byte[] encodedUrl, int encodedOffset, int encodedCount)
        {
            CheckTxPower(txPowerAt0mDbm);
            if (encodedCount < 1 || encodedCount > EddystoneUrlCodec.MaxEncodedBytes + 1)
            {
                throw new ArgumentException("an encoded URL is 1 scheme byte + 0..17 bytes");
            }

            int o = AdStructure.WriteEddystoneHeader(buffer, offset, 2 + encodedCount);
            buffer[o++] = TypeUrl;
            buffer[o++] = (byte)(sbyte)txPowerAt0mDbm;
            Array.Copy(encodedUrl, encodedOffset, buffer, o, encodedCount);
            return UrlLength(encodedCount);
        }

        /// <summary>Writes an unencrypted Eddystone-TLM frame, version 0. All fields big-endian.</summary>
        /// <param name="batteryMv">Battery voltage in mV, 0..65535 (clamped); 0 = not supported (mains/USB powered).</param>
        /// <param name="temperatureC">Temperature in °C, sent as signed 8.8 fixed point (clamped to ±127.996);
        /// NaN = not supported (0x8000).</param>
        /// <param name="advertisingPduCount">Advertising PDUs sent since boot.</param>
        /// <param name="uptimeMs">Time since boot in ms; sent in 0.1 s units, modulo 2^32.</param>
        public static int WriteTlm(byte[] buffer, int offset, int batteryMv, double temperatureC, uint advertisingPduCount, long uptimeMs)
        {
            int o = AdStructure.WriteEddystoneHeader(buffer, offset, 14);
            buffer[o++] = TypeTlm;
            buffer[o++] = 0x00; // TLM version
            int mv = batteryMv < 0 ? 0 : (batteryMv > 0xFFFF ? 0xFFFF : batteryMv);
            AdStructure.WriteUInt16BigEndian(buffer, o, mv);
            AdStructure.WriteUInt16BigEndian(buffer, o + 2, ToFixed88(temperatureC));
            AdStructure.WriteUInt32BigEndian(buffer, o + 4, advertisingPduCount);
            long deciseconds = uptimeMs < 0 ? 0 : uptimeMs / 100;
            AdStructure.WriteUInt32BigEndian(buffer, o + 8, (uint)(deciseconds & 0xFFFFFFFF));
            return TlmLength;
        }

        /// <summary>Writes an Eddystone-EID frame.</summary>
        /// <param name="eid">The 8-byte ephemeral identifier at <paramref name="eidOffset"/> (see <see cref="EidGenerator"/>).</param>
        public static int WriteEid(byte[] buffer, int offset, int txPowerAt0mDbm, byte[] eid, int eidOffset)
        {
            CheckTxPower(txPowerAt0mDbm);
            int o = AdStructure.WriteEddystoneHeader(buffer, offset, 10);
            buffer[o++] = TypeEid;
            buffer[o++] = (byte)(sbyte)txPowerAt0mDbm;
            Array.Copy(eid, eidOffset, buffer, o, EidGenerator.EidBytes);
            return EidLength;
        }

        /// <summary>
        /// Temperature as the TLM's signed 8.8 fixed-point value (two's complement, as an unsigned 16-bit number):
        /// 25.5 °C → 0x1980, -1.5 °C → 0xFE80. NaN → 0x8000 (not supported). Values beyond the range clamp to
        /// 0x7FFF / 0x8001 so that a real reading never reads as "not supported".
        /// </summary>
        public static int ToFixed88(double temperatureC)
        {
            if (double.IsNaN(temperatureC))
            {
                return TemperatureNotSupported;
            }

            double scaled = temperatureC * 256.0;
            int v;
            if (scaled > 32767.0)
            {
                v = 32767;
            }
            else if (scaled < -32767.0)
            {
                v = -32767;
            }
            else
            {
                v = (int)ExactMath.Round(scaled);
            }

            return v & 0xFFFF;
        }

        private static void CheckTxPower(int dbm)
        {
            if (dbm < MinTxPowerDbm || dbm > MaxTxPowerDbm)
            {
                throw new ArgumentException("TX power at 0 m must be -100..20 dBm");
            }
        }
    }
}
