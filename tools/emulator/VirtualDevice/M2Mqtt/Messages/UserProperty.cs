namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>An MQTT v5 user property (the virtual device speaks 3.1.1: Publish refuses them).</summary>
    public class UserProperty
    {
        /// <summary>Creates a user property.</summary>
        public UserProperty(string name, string value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>Property name.</summary>
        public string Name { get; set; }

        /// <summary>Property value.</summary>
        public string Value { get; set; }
    }
}
