namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Device types of the ESP32 pin matrix; the high word of a <see cref="DeviceFunction"/>.</summary>
    public enum DeviceTypes
    {
        /// <summary>GPIO peripherals.</summary>
        GPIO = 0 * 0x00010000,

        /// <summary>SPI peripherals.</summary>
        SPI = 1 * 0x00010000,

        /// <summary>I2C peripherals.</summary>
        I2C = 2 * 0x00010000,

        /// <summary>SERIAL peripherals.</summary>
        SERIAL = 3 * 0x00010000,

        /// <summary>PWM peripherals.</summary>
        PWM = 4 * 0x00010000,

        /// <summary>ADC peripherals.</summary>
        ADC = 5 * 0x00010000,

        /// <summary>I2S peripherals.</summary>
        I2S = 6 * 0x00010000,

        /// <summary>SDMMC peripherals.</summary>
        SDMMC = 8 * 0x00010000,
    }

    /// <summary>
    /// Functions that can be routed to a GPIO (values as in nanoFramework.Hardware.Esp32 1.6: device type in the high
    /// word, bus index * 0x100, then the signal index).
    /// </summary>
    public enum DeviceFunction
    {
        /// <summary>SPI1_MOSI.</summary>
        SPI1_MOSI = DeviceTypes.SPI + (1 * 0x00000100) + 0,

        /// <summary>SPI1_MISO.</summary>
        SPI1_MISO = DeviceTypes.SPI + (1 * 0x00000100) + 1,

        /// <summary>SPI1_CLOCK.</summary>
        SPI1_CLOCK = DeviceTypes.SPI + (1 * 0x00000100) + 2,

        /// <summary>SPI2_MOSI.</summary>
        SPI2_MOSI = DeviceTypes.SPI + (2 * 0x00000100) + 0,

        /// <summary>SPI2_MISO.</summary>
        SPI2_MISO = DeviceTypes.SPI + (2 * 0x00000100) + 1,

        /// <summary>SPI2_CLOCK.</summary>
        SPI2_CLOCK = DeviceTypes.SPI + (2 * 0x00000100) + 2,

        /// <summary>I2C1_DATA.</summary>
        I2C1_DATA = DeviceTypes.I2C + (1 * 0x00000100) + 0,

        /// <summary>I2C1_CLOCK.</summary>
        I2C1_CLOCK = DeviceTypes.I2C + (1 * 0x00000100) + 1,

        /// <summary>I2C2_DATA.</summary>
        I2C2_DATA = DeviceTypes.I2C + (2 * 0x00000100) + 0,

        /// <summary>I2C2_CLOCK.</summary>
        I2C2_CLOCK = DeviceTypes.I2C + (2 * 0x00000100) + 1,

        /// <summary>COM1_TX.</summary>
        COM1_TX = DeviceTypes.SERIAL + (1 * 0x00000100) + 0,

        /// <summary>COM1_RX.</summary>
        COM1_RX = DeviceTypes.SERIAL + (1 * 0x00000100) + 1,

        /// <summary>COM1_RTS.</summary>
        COM1_RTS = DeviceTypes.SERIAL + (1 * 0x00000100) + 2,

        /// <summary>COM1_CTS.</summary>
        COM1_CTS = DeviceTypes.SERIAL + (1 * 0x00000100) + 3,

        /// <summary>COM2_TX.</summary>
        COM2_TX = DeviceTypes.SERIAL + (2 * 0x00000100) + 0,

        /// <summary>COM2_RX.</summary>
        COM2_RX = DeviceTypes.SERIAL + (2 * 0x00000100) + 1,

        /// <summary>COM2_RTS.</summary>
        COM2_RTS = DeviceTypes.SERIAL + (2 * 0x00000100) + 2,

        /// <summary>COM2_CTS.</summary>
        COM2_CTS = DeviceTypes.SERIAL + (2 * 0x00000100) + 3,

        /// <summary>COM3_TX.</summary>
        COM3_TX = DeviceTypes.SERIAL + (3 * 0x00000100) + 0,

        /// <summary>COM3_RX.</summary>
        COM3_RX = DeviceTypes.SERIAL + (3 * 0x00000100) + 1,

        /// <summary>COM3_RTS.</summary>
        COM3_RTS = DeviceTypes.SERIAL + (3 * 0x00000100) + 2,

        /// <summary>COM3_CTS.</summary>
        COM3_CTS = DeviceTypes.SERIAL + (3 * 0x00000100) + 3,

        /// <summary>COM4_TX.</summary>
        COM4_TX = DeviceTypes.SERIAL + (4 * 0x00000100) + 0,

        /// <summary>COM4_RX.</summary>
        COM4_RX = DeviceTypes.SERIAL + (4 * 0x00000100) + 1,

        /// <summary>COM4_RTS.</summary>
        COM4_RTS = DeviceTypes.SERIAL + (4 * 0x00000100) + 2,

        /// <summary>COM4_CTS.</summary>
        COM4_CTS = DeviceTypes.SERIAL + (4 * 0x00000100) + 3,

        /// <summary>PWM1.</summary>
        PWM1 = DeviceTypes.PWM + (1 * 0x00000100) + 0,

        /// <summary>PWM2.</summary>
        PWM2 = DeviceTypes.PWM + (2 * 0x00000100) + 0,

        /// <summary>PWM3.</summary>
        PWM3 = DeviceTypes.PWM + (3 * 0x00000100) + 0,

        /// <summary>PWM4.</summary>
        PWM4 = DeviceTypes.PWM + (4 * 0x00000100) + 0,

        /// <summary>PWM5.</summary>
        PWM5 = DeviceTypes.PWM + (5 * 0x00000100) + 0,

        /// <summary>PWM6.</summary>
        PWM6 = DeviceTypes.PWM + (6 * 0x00000100) + 0,

        /// <summary>PWM7.</summary>
        PWM7 = DeviceTypes.PWM + (7 * 0x00000100) + 0,

        /// <summary>PWM8.</summary>
        PWM8 = DeviceTypes.PWM + (8 * 0x00000100) + 0,

        /// <summary>PWM9.</summary>
        PWM9 = DeviceTypes.PWM + (9 * 0x00000100) + 0,

        /// <summary>PWM10.</summary>
        PWM10 = DeviceTypes.PWM + (10 * 0x00000100) + 0,

        /// <summary>PWM11.</summary>
        PWM11 = DeviceTypes.PWM + (11 * 0x00000100) + 0,

        /// <summary>PWM12.</summary>
        PWM12 = DeviceTypes.PWM + (12 * 0x00000100) + 0,

        /// <summary>PWM13.</summary>
        PWM13 = DeviceTypes.PWM + (13 * 0x00000100) + 0,

        /// <summary>PWM14.</summary>
        PWM14 = DeviceTypes.PWM + (14 * 0x00000100) + 0,

        /// <summary>PWM15.</summary>
        PWM15 = DeviceTypes.PWM + (15 * 0x00000100) + 0,

        /// <summary>PWM16.</summary>
        PWM16 = DeviceTypes.PWM + (16 * 0x00000100) + 0,

        /// <summary>ADC1_CH0.</summary>
        ADC1_CH0 = DeviceTypes.ADC + (1 * 0x00000100) + 0,

        /// <summary>ADC1_CH1.</summary>
        ADC1_CH1 = DeviceTypes.ADC + (1 * 0x00000100) + 1,

        /// <summary>ADC1_CH2.</summary>
        ADC1_CH2 = DeviceTypes.ADC + (1 * 0x00000100) + 2,

        /// <summary>ADC1_CH3.</summary>
        ADC1_CH3 = DeviceTypes.ADC + (1 * 0x00000100) + 3,

        /// <summary>ADC1_CH4.</summary>
        ADC1_CH4 = DeviceTypes.ADC + (1 * 0x00000100) + 4,

        /// <summary>ADC1_CH5.</summary>
        ADC1_CH5 = DeviceTypes.ADC + (1 * 0x00000100) + 5,

        /// <summary>ADC1_CH6.</summary>
        ADC1_CH6 = DeviceTypes.ADC + (1 * 0x00000100) + 6,

        /// <summary>ADC1_CH7.</summary>
        ADC1_CH7 = DeviceTypes.ADC + (1 * 0x00000100) + 7,

        /// <summary>ADC1_CH8.</summary>
        ADC1_CH8 = DeviceTypes.ADC + (1 * 0x00000100) + 8,

        /// <summary>ADC1_CH9.</summary>
        ADC1_CH9 = DeviceTypes.ADC + (1 * 0x00000100) + 9,

        /// <summary>ADC1_CH10.</summary>
        ADC1_CH10 = DeviceTypes.ADC + (1 * 0x00000100) + 10,

        /// <summary>ADC1_CH11.</summary>
        ADC1_CH11 = DeviceTypes.ADC + (1 * 0x00000100) + 11,

        /// <summary>ADC1_CH12.</summary>
        ADC1_CH12 = DeviceTypes.ADC + (1 * 0x00000100) + 12,

        /// <summary>ADC1_CH13.</summary>
        ADC1_CH13 = DeviceTypes.ADC + (1 * 0x00000100) + 13,

        /// <summary>ADC1_CH14.</summary>
        ADC1_CH14 = DeviceTypes.ADC + (1 * 0x00000100) + 14,

        /// <summary>ADC1_CH15.</summary>
        ADC1_CH15 = DeviceTypes.ADC + (1 * 0x00000100) + 15,

        /// <summary>ADC1_CH16.</summary>
        ADC1_CH16 = DeviceTypes.ADC + (1 * 0x00000100) + 16,

        /// <summary>ADC1_CH17.</summary>
        ADC1_CH17 = DeviceTypes.ADC + (1 * 0x00000100) + 17,

        /// <summary>ADC1_CH18.</summary>
        ADC1_CH18 = DeviceTypes.ADC + (1 * 0x00000100) + 18,

        /// <summary>ADC1_CH19.</summary>
        ADC1_CH19 = DeviceTypes.ADC + (1 * 0x00000100) + 19,

        /// <summary>I2S1_MCK.</summary>
        I2S1_MCK = DeviceTypes.I2S + (1 * 0x00000100) + 0,

        /// <summary>I2S1_BCK.</summary>
        I2S1_BCK = DeviceTypes.I2S + (1 * 0x00000100) + 1,

        /// <summary>I2S1_WS.</summary>
        I2S1_WS = DeviceTypes.I2S + (1 * 0x00000100) + 2,

        /// <summary>I2S1_DATA_OUT.</summary>
        I2S1_DATA_OUT = DeviceTypes.I2S + (1 * 0x00000100) + 3,

        /// <summary>I2S1_MDATA_IN.</summary>
        I2S1_MDATA_IN = DeviceTypes.I2S + (1 * 0x00000100) + 4,

        /// <summary>I2S2_MCK.</summary>
        I2S2_MCK = DeviceTypes.I2S + (2 * 0x00000100) + 0,

        /// <summary>I2S2_BCK.</summary>
        I2S2_BCK = DeviceTypes.I2S + (2 * 0x00000100) + 1,

        /// <summary>I2S2_WS.</summary>
        I2S2_WS = DeviceTypes.I2S + (2 * 0x00000100) + 2,

        /// <summary>I2S2_DATA_OUT.</summary>
        I2S2_DATA_OUT = DeviceTypes.I2S + (2 * 0x00000100) + 3,

        /// <summary>I2S2_MDATA_IN.</summary>
        I2S2_MDATA_IN = DeviceTypes.I2S + (2 * 0x00000100) + 4,

        /// <summary>SDMMC1_CLOCK.</summary>
        SDMMC1_CLOCK = DeviceTypes.SDMMC + (1 * 0x00000100) + 0,

        /// <summary>SDMMC1_COMMAND.</summary>
        SDMMC1_COMMAND = DeviceTypes.SDMMC + (1 * 0x00000100) + 1,

        /// <summary>SDMMC1_D0.</summary>
        SDMMC1_D0 = DeviceTypes.SDMMC + (1 * 0x00000100) + 2,

        /// <summary>SDMMC1_D1.</summary>
        SDMMC1_D1 = DeviceTypes.SDMMC + (1 * 0x00000100) + 3,

        /// <summary>SDMMC1_D2.</summary>
        SDMMC1_D2 = DeviceTypes.SDMMC + (1 * 0x00000100) + 4,

        /// <summary>SDMMC1_D3.</summary>
        SDMMC1_D3 = DeviceTypes.SDMMC + (1 * 0x00000100) + 5,

        /// <summary>SDMMC2_CLOCK.</summary>
        SDMMC2_CLOCK = DeviceTypes.SDMMC + (2 * 0x00000100) + 0,

        /// <summary>SDMMC2_COMMAND.</summary>
        SDMMC2_COMMAND = DeviceTypes.SDMMC + (2 * 0x00000100) + 1,

        /// <summary>SDMMC2_D0.</summary>
        SDMMC2_D0 = DeviceTypes.SDMMC + (2 * 0x00000100) + 2,

        /// <summary>SDMMC2_D1.</summary>
        SDMMC2_D1 = DeviceTypes.SDMMC + (2 * 0x00000100) + 3,

        /// <summary>SDMMC2_D2.</summary>
        SDMMC2_D2 = DeviceTypes.SDMMC + (2 * 0x00000100) + 4,

        /// <summary>SDMMC2_D3.</summary>
        SDMMC2_D3 = DeviceTypes.SDMMC + (2 * 0x00000100) + 5,
    }
}
